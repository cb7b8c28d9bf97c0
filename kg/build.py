"""The build: digest files in, ``graph.ttl`` out.

Per-file results (papers, mentions, problems) are the unit of work: they are computed in
parallel, cached under ``OUT/cache/`` keyed by the file's name and content and by the
extractor's version, and merged into one graph. A rebuild re-reads only files whose
content changed, so adding a day's digest costs what is new.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .graph import FileGraph, compile_file, merge, write_atomic
from .read import find_files, read_bytes
from .records import Problem
from .vocab import Vocabulary, load_vocabulary

_CODE_FILES = ("read.py", "extract.py", "patterns.py", "link.py", "records.py", "vocab.py", "graph.py")


@dataclass
class BuildReport:
    files: int = 0
    papers: int = 0
    entities: Counter = field(default_factory=Counter)
    triples: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    cached_files: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        types = ", ".join(f"{t} {self.entities[t]}" for t in ("Method", "Model", "Dataset", "Metric", "Task")
                          if self.entities[t])
        lines = [
            f"files read: {self.files} ({self.cached_files} unchanged, from cache)",
            f"papers: {self.papers}",
            f"entities: {sum(self.entities.values())} ({types or 'none'})",
            f"triples: {self.triples}",
            f"warnings: {len(self.problems)}",
        ]
        if self.skipped_files:
            lines.append(f"files skipped: {len(self.skipped_files)}: " + ", ".join(self.skipped_files[:5])
                         + (" ..." if len(self.skipped_files) > 5 else ""))
        lines.append("wrote: " + ", ".join(str(p) for p in self.outputs))
        return "\n".join(lines)


def extractor_version(vocabulary: Vocabulary) -> str:
    """Changes whenever the vocabulary or the reading/extraction code changes."""
    digest = hashlib.sha256(vocabulary.fingerprint.encode())
    here = Path(__file__).parent
    for name in _CODE_FILES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def display_name(path: Path, here: str | None = None) -> str:
    """How a file is named in the graph and in messages: relative to here when below it.

    Paths are made absolute without resolving links (resolving is a system call per
    folder, seconds on a year of digests).
    """
    here = here or os.getcwd()
    absolute = os.path.abspath(path)
    if absolute.startswith(here.rstrip(os.sep) + os.sep):
        return Path(os.path.relpath(absolute, here)).as_posix()
    return Path(absolute).as_posix()


# --- one file ------------------------------------------------------------------------------

_worker_extractor = None


def _extractor(vocabulary: Vocabulary | None = None):
    global _worker_extractor
    if _worker_extractor is None or (vocabulary is not None and _worker_extractor.vocabulary is not vocabulary):
        from .extract import Extractor

        _worker_extractor = Extractor(vocabulary or load_vocabulary())
    return _worker_extractor


def process_file(data: bytes, name: str, vocabulary: Vocabulary | None = None) -> FileGraph:
    """Read, extract and compile one file's bytes: the unit of work and of caching."""
    read = read_bytes(data, name)
    extractor = _extractor(vocabulary)
    mentions = [extractor.extract(paper) for paper in read.papers]
    return compile_file(name, read.papers, mentions, read.problems, extractor.vocabulary)


def _process_path(job: tuple[str, str]) -> FileGraph:
    path, name = job
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        return FileGraph(name, problems=[Problem(name, 0, f"cannot read: {err.strerror}")])
    return process_file(data, name)


# --- many files ----------------------------------------------------------------------------

def build(inputs: Sequence[str | Path] = ("seeds",), out: str | Path = "output", *,
          jobs: int | None = None, use_cache: bool = True, view: bool = True,
          progress: Callable[[int], None] | None = None,
          on_start: Callable[[int], None] | None = None) -> BuildReport:
    """Build the graph of ``inputs`` (files or folders) into ``out/graph.ttl``, and its
    overview ``out/graph.html`` unless ``view`` is false."""
    start = time.perf_counter()
    out = Path(out)
    files, problems = find_files(inputs)
    report = BuildReport(files=len(files), problems=list(problems))
    vocabulary = load_vocabulary()
    version = extractor_version(vocabulary)
    cache_dir = out / "cache" / version
    if on_start:
        on_start(len(files))
    results, todo = [], []
    here = os.getcwd()
    for path in files:
        name = display_name(path, here)
        try:
            data = path.read_bytes()
        except OSError as err:
            report.problems.append(Problem(name, 0, f"cannot read: {err.strerror}"))
            continue
        key = hashlib.sha256(name.encode() + b"\0" + data).hexdigest()
        cached = cache_dir / key[:2] / f"{key}.pickle"
        result = _load(cached) if use_cache else None
        if result is not None:
            results.append(result)
            report.cached_files += 1
            if progress:
                progress(1)
        else:
            todo.append((str(path), name, cached))
    for result, cached in _run(todo, jobs, vocabulary, progress) if todo else ():
        results.append(result)
        if use_cache:
            _save(cached, result)
    results.sort(key=lambda r: r.source)
    for result in results:
        report.problems.extend(result.problems)
        if not result.papers:
            report.skipped_files.append(result.source)
    merged = merge(results, vocabulary)
    stats = merged.stats
    graph_path = out / "graph.ttl"
    write_atomic(graph_path, merged.text)
    report.outputs.append(graph_path)
    if view:
        from .view import graph_from_merge, write_overview

        overview = write_overview(graph_path, out / "graph.html", kg=graph_from_merge(merged))
        report.outputs.append(overview.path)
    if use_cache:
        _prune_cache(out / "cache", keep=version)
    report.papers, report.entities, report.triples = stats.papers, stats.entities, stats.triples
    report.seconds = time.perf_counter() - start
    return report


def _load(cached: Path) -> FileGraph | None:
    try:
        with cached.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return None  # missing or from an older kg: compute it again


def _save(cached: Path, result: FileGraph) -> None:
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, cached)


def _run(todo: list[tuple[str, str, Path]], jobs: int | None, vocabulary: Vocabulary,
         progress: Callable[[int], None] | None) -> Iterable[tuple[FileGraph, Path]]:
    jobs = jobs or os.cpu_count() or 1
    _extractor(vocabulary)  # built once; forked workers inherit it
    if jobs == 1 or len(todo) < 8:
        for path, name, cached in todo:
            yield _process_path((path, name)), cached
            if progress:
                progress(1)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        chunk = max(1, min(64, len(todo) // (jobs * 8)))
        for (path, name, cached), result in zip(
                todo, pool.imap(_process_path, [(p, n) for p, n, _ in todo], chunksize=chunk)):
            yield result, cached
            if progress:
                progress(1)


def _prune_cache(cache_root: Path, keep: str) -> None:
    """Results of older extractor versions can never be used again."""
    if cache_root.is_dir():
        for child in cache_root.iterdir():
            if child.is_dir() and child.name != keep:
                shutil.rmtree(child, ignore_errors=True)
