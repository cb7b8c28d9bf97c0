"""The build: digest files in, ``graph.ttl`` out.

Per-file results (papers, mentions, problems) are the unit of work: they are computed in
parallel, cached under ``OUT/cache/`` keyed by the file's name and content and by the
extractor's version, and merged into one graph. A rebuild re-reads only files whose
content changed, so adding a day's digest costs what is new.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import shutil
import sys
import time
import types
import uuid
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .errors import KgError
from .graph import FileGraph, GraphState, GraphStats, compile_file, write_atomic
from .read import find_file_names, read_bytes
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
    merged_files: int = 0  # files whose part of the graph was added, replaced or taken out
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        types = ", ".join(f"{t} {self.entities[t]}" for t in ("Method", "Model", "Dataset", "Metric", "Task")
                          if self.entities[t])
        lines = [
            f"files read: {self.files} ({self.cached_files} unchanged, from cache; {self.merged_files} merged)",
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


def display_name(path: str | Path, here: str | None = None) -> str:
    """How a file is named in the graph and in messages: relative to here when below it.

    Paths are made absolute without resolving links (resolving is a system call per
    folder, seconds on a year of digests).
    """
    prefix = (here or os.getcwd()).rstrip(os.sep) + os.sep
    absolute = os.path.abspath(path)
    if absolute.startswith(prefix):
        absolute = absolute[len(prefix):]
    return absolute.replace(os.sep, "/")


# --- one file ------------------------------------------------------------------------------

_worker_extractor = None
_worker_vocabulary: Vocabulary | None = None  # set before forking workers


def _extractor(vocabulary: Vocabulary | None = None):
    global _worker_extractor
    vocabulary = vocabulary or _worker_vocabulary
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


# --- many files ----------------------------------------------------------------------------

@dataclass
class SourceEntry:
    """What a build remembers of one input file, to know next time whether it changed."""

    key: str  # hash of the file's name and content: names its FileGraph in the cache
    size: int
    mtime_ns: int
    problems: list[Problem]
    papers: int


@dataclass
class _Index:
    """What the last build read and wrote: its files, the state it merged them into
    (saved apart, under the same generation) and the outputs it wrote from that state."""

    entries: dict[str, SourceEntry] = field(default_factory=dict)
    generation: str = ""
    stats: GraphStats = field(default_factory=GraphStats)
    outputs: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime_ns)
    view_version: str = ""


def build(inputs: Sequence[str | Path] = ("seeds",), out: str | Path = "output", *,
          jobs: int | None = None, use_cache: bool = True, view: bool = True,
          progress: Callable[[int], None] | None = None,
          on_start: Callable[[int], None] | None = None) -> BuildReport:
    """Build the graph of ``inputs`` (files or folders) into ``out/graph.ttl``, and its
    overview ``out/graph.html`` unless ``view`` is false.

    A file whose size and modification time are those of the last build is taken as
    unchanged (as git and make do); any other is read and hashed, and only files whose
    content changed are extracted and merged into the last build's graph. When nothing
    changed and the outputs are as written, nothing is written.
    """
    start = time.perf_counter()
    out = Path(out)
    vocabulary = load_vocabulary()
    with _Workers(jobs, vocabulary) as workers:  # they start up while files are found and the state is read
        files, problems = find_file_names(inputs)
        report = BuildReport(files=len(files), problems=list(problems), cached_files=len(files))
        cache = _Cache(out / "cache", extractor_version(vocabulary), use_cache)
        known = cache.index()
        if on_start:
            on_start(len(files))
        index, paths, changed = _scan(files, known.entries, report)
        gone = [e.key for name, e in known.entries.items()
                if e.key and (name not in index or index[name].key != e.key)]  # no key: nothing merged
        outputs = [out / "graph.ttl", *([out / "graph.html"] if view else [])]
        if not changed and not gone and _unchanged(outputs, known, view):
            stats = known.stats
            if progress:
                progress(len(index))
        else:
            stats, extracted, report.merged_files = _merge(index, paths, changed, gone, known, cache, outputs,
                                                           vocabulary, workers, progress)
            report.cached_files -= extracted
    report.outputs = outputs
    for name in sorted(index):
        report.problems.extend(index[name].problems)
        if not index[name].papers:
            report.skipped_files.append(name)
    report.papers, report.entities, report.triples = stats.papers, stats.entities, stats.triples
    report.seconds = time.perf_counter() - start
    return report


def _merge(index: dict[str, SourceEntry], paths: dict[str, str], changed: list[str], gone: list[str],
           known: _Index, cache: "_Cache", outputs: list[Path], vocabulary: Vocabulary, workers: "_Workers",
           progress: Callable[[int], None] | None) -> tuple[GraphStats, int, int]:
    """Merge what changed into the last build's state, write the outputs and the cache;
    the graph's counts, how many files were extracted and how many merged."""
    cached, todo = cache.lookup(changed, index, paths)
    workers.expect(len(todo))
    if progress:
        progress(len(index) - len(todo))
    extraction = workers.extract(todo, progress)  # runs while this process loads the state
    state = cache.state(known, outputs[0])
    removed = [cache.graph(key) for key in gone]
    if len(outputs) > 1:
        _prepare_overview()  # while the workers extract
    batches, extracted = [cached, extraction], len(todo)
    if state is None or any(graph is None for graph in removed):  # first build, or cache lost: all anew
        state, removed = GraphState(), []
        more, rest = cache.lookup([name for name in index if name not in changed], index, paths)
        workers.expect(len(rest))
        batches += [more, workers.extract(rest, None)]
        extracted += len(rest)
    merged = {graph.source for graph in removed}

    def noted(graphs: Iterable[FileGraph]) -> Iterator[FileGraph]:
        for graph in graphs:
            entry = index[graph.source]
            entry.problems, entry.papers = list(graph.problems), len(graph.papers)
            if graph.unread:  # (after the build hashed it) so that the next build reads it again
                entry.key, entry.mtime_ns = "", -1
            merged.add(graph.source)
            yield graph

    def load(source: str) -> FileGraph:
        return cache.graph(index[source].key) or _extracted(paths[source], source)[0]

    # Each result is counted into the state as it comes, while the workers extract the
    # next; the collector is off meanwhile, or it walks the growing state again and again.
    with _collector_paused():
        state.update(removed, noted(chain.from_iterable(batches)), vocabulary, load)
    generation = uuid.uuid4().hex
    alongside = [("saving the build's state", partial(cache.save_state, state, generation))] if cache.enabled else []
    if len(outputs) > 1:
        alongside.append(("drawing the overview", partial(_draw_overview, state, outputs[1])))
    with _alongside(alongside):
        write_atomic(outputs[0], state.turtle())
        stats = state.stats()
    cache.save_index(_Index(index, generation, stats, {str(p): _stat(p) for p in outputs}, _view_version()),
                     replaced=gone)
    return stats, extracted, len(merged)


def _prepare_overview() -> None:
    """Import what drawing the overview needs, so that the process forked to draw it
    starts with it."""
    import networkx  # noqa: F401
    import numpy  # noqa: F401

    from . import view  # noqa: F401


def _draw_overview(state: GraphState, html_path: Path) -> None:
    from .view import write_state_overview

    write_state_overview(state, html_path)


@contextmanager
def _alongside(tasks: list[tuple[str, Callable[[], object]]]):
    """Run each (what it does, task) in a forked process while the with-block runs, and
    raise the first error after the block: on two cores the overview is drawn and the
    state saved while the graph is written, not after."""
    if not tasks:
        yield
        return
    gc.freeze()  # the children's collectors then leave the state's pages alone: no copies on write
    children = []
    for doing, task in tasks:
        receive, send = multiprocessing.Pipe(duplex=False)
        child = multiprocessing.get_context("fork").Process(target=_report, args=(task, send), name=doing)
        child.start()
        send.close()
        children.append((child, receive))
    try:
        yield
    except BaseException:
        for child, _ in children:
            child.terminate()
            child.join()
        raise
    errors = [_outcome(child, receive) for child, receive in children]
    if any(errors):
        raise next(error for error in errors if error)


def _outcome(child: multiprocessing.Process, receive) -> BaseException | None:
    """What the forked process sent back (None, or what it raised), once it has ended."""
    try:
        error = receive.recv()
    except EOFError:
        error = KgError(f"{child.name} failed: its process ended without a word (out of memory?)")
    child.join()
    return error


def _report(task: Callable[[], object], pipe) -> None:
    """In the forked process: run ``task``, send back None or what it raised."""
    try:
        task()
        pipe.send(None)
    except BaseException as err:  # noqa: BLE001 - the parent raises it
        pipe.send(err)


def _unchanged(outputs: list[Path], known: _Index, view: bool) -> bool:
    """Whether the outputs are still what the last build wrote from the same files."""
    return (bool(known.generation) and all(known.outputs.get(str(path), False) == _stat(path) for path in outputs)
            and (not view or known.view_version == _view_version()))


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _view_version() -> str:
    """Changes whenever the code or assets that draw the overview change."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in [here / "view.py", *sorted((here / "assets").iterdir())]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _scan(files: list[str], known: dict[str, SourceEntry], report: BuildReport):
    """Each readable file's entry (the known one when unchanged), its path, and the names
    of the files that changed or are new."""
    here = os.getcwd()
    index: dict[str, SourceEntry] = {}
    paths: dict[str, str] = {}
    changed: list[str] = []
    for path in files:
        name = display_name(path, here)
        old = known.get(name)
        try:
            stat = os.stat(path)
            if old and (old.size, old.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                index[name], paths[name] = old, path
                continue
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as err:
            report.problems.append(Problem(name, 0, f"cannot read: {err.strerror}"))
            continue
        key = _content_key(name, data)
        paths[name] = path
        if old and old.key == key:  # touched, not changed
            index[name] = SourceEntry(key, stat.st_size, stat.st_mtime_ns, old.problems, old.papers)
            continue
        index[name] = SourceEntry(key, stat.st_size, stat.st_mtime_ns, [], 0)
        changed.append(name)
    return index, paths, changed


class _Cache:
    """Per-file results and the last build's state, under ``OUT/cache/<extractor version>/``.

    Results of older extractor versions can never be used again and are removed; so is
    a file's result once the file changed or went.
    """

    def __init__(self, root: Path, version: str, enabled: bool):
        self.root, self.folder, self.enabled = root, root / version, enabled

    def _path(self, key: str) -> Path:
        return _cache_path(self.folder, key)

    def graph(self, key: str) -> FileGraph | None:
        return _load(self._path(key)) if self.enabled else None

    def lookup(self, names: list[str], index: dict[str, SourceEntry], paths: dict[str, str]):
        """The cached FileGraphs of ``names``, and the jobs of those not cached: (path,
        name, the cache folder or "")."""
        found, missing = [], []
        for name in names:
            key = index[name].key
            graph = self.graph(key)
            if graph is None:
                missing.append((paths[name], name, str(self.folder) if self.enabled else ""))
            else:
                found.append(graph)
        return found, missing

    def index(self) -> _Index:
        index = _load(self.folder / "index.pickle") if self.enabled else None
        return index if isinstance(index, _Index) else _Index()

    def state(self, known: _Index, graph_path: Path) -> GraphState | None:
        """The state the index was written with, its blocks read back from the graph file
        it wrote, if both are still there as they were."""
        saved = _load(self.folder / "state.pickle") if self.enabled and known.generation else None
        if not (isinstance(saved, tuple) and saved[0] == known.generation
                and known.outputs.get(str(graph_path)) == _stat(graph_path)):
            return None
        try:
            turtle = graph_path.read_bytes()
        except OSError:
            return None
        return saved[1] if saved[1].read_blocks(turtle) else None

    def save_state(self, state: GraphState, generation: str) -> None:
        if self.enabled:
            _save(self.folder / "state.pickle", (generation, state))

    def save_index(self, index: _Index, replaced: list[str]) -> None:
        """Saved after the state: it names the state it goes with."""
        if not self.enabled:
            return
        _save(self.folder / "index.pickle", index)
        for key in replaced:
            self._path(key).unlink(missing_ok=True)
        for child in self.root.iterdir():
            if child.is_dir() and child != self.folder:
                shutil.rmtree(child, ignore_errors=True)


def _load(cached: Path):
    try:
        with cached.open("rb") as handle, _collector_paused():
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError):
        return None  # missing or from an older kg: compute it again


@contextmanager
def _collector_paused():
    """Python's cycle collector off while a pickle loads or results are merged: a year's
    state is a few million objects without cycles, and the collector kept walking them
    (a third of a load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _save(cached: Path, result: object) -> None:
    _save_pickled(cached, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))


def _save_pickled(cached: Path, data: bytes) -> None:
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, cached)


def _extract_job(job: tuple[str, str, str]) -> FileGraph:
    """One file's FileGraph, saved in the cache folder when one is given."""
    path, name, folder = job
    graph, key = _extracted(path, name)
    if folder and key:
        _save(_cache_path(Path(folder), key), graph)
    return graph


def _extract_job_pickled(job: tuple[str, str, str]) -> bytes:
    """In a worker: ``_extract_job``'s result pickled once, for the cache and for the
    way back, so that the build's process neither pickles it again nor writes it."""
    path, name, folder = job
    graph, key = _extracted(path, name)
    data = pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL)
    if folder and key:
        _save_pickled(_cache_path(Path(folder), key), data)
    return data


def _extracted(path: str, name: str) -> tuple[FileGraph, str]:
    """A file's FileGraph and the cache key of the bytes it was made from: those read
    here, which may no longer be those the build hashed. No key when the file could
    not be read: that is not cached, the file may come back as it was."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        return FileGraph(name, problems=[Problem(name, 0, f"cannot read: {err.strerror}")], unread=True), ""
    return process_file(data, name), _content_key(name, data)


def _content_key(name: str, data: bytes) -> str:
    return hashlib.sha256(name.encode() + b"\0" + data).hexdigest()


def _cache_path(folder: Path, key: str) -> Path:
    return folder / key[:2] / f"{key}.pickle"


class _Workers:
    """Extraction processes, forked at the start of a build so that they import spaCy and
    build their extractor while the build scans files and loads its last state (on a
    day's update that start-up is most of the cost). With one job, the build extracts
    in its own process.

    One worker starts loading at once; the others wait until ``expect`` says how many
    files there are to extract. On two cores, a second worker loading spaCy for a day's
    update slowed the build's own loading by more than it could win back.
    """

    def __init__(self, jobs: int | None, vocabulary: Vocabulary):
        global _worker_vocabulary
        self.vocabulary = vocabulary
        self.jobs = jobs or os.cpu_count() or 1
        self.pool = None
        if self.jobs > 1:
            _worker_vocabulary = vocabulary  # forked workers inherit it
            context = multiprocessing.get_context("fork")
            self.starts = context.Semaphore(1)
            self.pool = context.Pool(self.jobs, initializer=_start_worker, initargs=(self.starts,))

    def expect(self, files: int) -> None:
        """Let as many more workers start as ``files`` to extract are worth."""
        if self.pool is not None:
            for _ in range(min(self.jobs - 1, files // _FILES_PER_EXTRA_WORKER)):
                self.starts.release()

    def extract(self, todo: list[tuple[str, str, str]], progress: Callable[[int], None] | None) -> Iterator[FileGraph]:
        """Each job's FileGraph (see ``_Cache.lookup``), in order, cached as it is made;
        the work starts now, not when iterated."""
        if not todo:
            return iter(())
        if self.pool is None:
            _extractor(self.vocabulary)
            results = map(_extract_job, todo)
        else:
            chunk = max(1, min(64, len(todo) // (self.jobs * 8)))
            results = map(pickle.loads, self.pool.imap(_extract_job_pickled, todo, chunksize=chunk))
        return _counted(results, progress)

    def __enter__(self) -> "_Workers":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.terminate()  # all results are in, or they are not wanted
            self.pool.join()


# A worker's start-up (spaCy and the extractor) costs about what extracting this many
# files does, so a worker more pays for itself only past it.
_FILES_PER_EXTRA_WORKER = 300


def _start_worker(starts) -> None:
    starts.acquire()
    _skip_spacy_cli()
    _extractor()


def _skip_spacy_cli() -> None:
    """Stand-ins for ``spacy.cli``, which spaCy's package imports only to offer
    ``spacy.info``: with it come requests, httpx and weasel, a third of a worker's start
    (the part of an update's time that spaCy costs). Workers only tokenize and match."""
    if "spacy" in sys.modules:
        return
    info = types.ModuleType("spacy.cli.info")
    info.info = None
    cli = types.ModuleType("spacy.cli")
    cli.info = info
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})


def _counted(results: Iterable[FileGraph], progress: Callable[[int], None] | None) -> Iterator[FileGraph]:
    for result in results:
        if progress:
            progress(1)
        yield result
