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
import signal
import sys
import threading
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

from . import cache as kept
from .cache import Location, ResultStore, collector_paused
from .errors import KgError
from .graph import FileGraph, GraphState, GraphStats, compile_file, write_atomic
from .read import find_file_names, read_bytes
from .records import Problem
from .stopping import STOP_SIGNALS, interrupt_on
from .store import file_stat
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
# where the extractor's vocabulary labels, as tokens, are kept for the next build: in
# the cache of its version, which changes with the vocabulary and the tokenizer's code
_worker_label_tokens: Path | None = None


def _extractor(vocabulary: Vocabulary | None = None):
    global _worker_extractor
    vocabulary = vocabulary or _worker_vocabulary
    if _worker_extractor is None or (vocabulary is not None and _worker_extractor.vocabulary is not vocabulary):
        with _spacy_without_cli():
            from .extract import Extractor

        vocabulary = vocabulary or load_vocabulary()
        keep = _worker_label_tokens if vocabulary.fingerprint else None
        saved = kept.load(keep) if keep else None
        fits = isinstance(saved, tuple) and saved[0] == vocabulary.fingerprint and len(saved[1]) == len(vocabulary.terms)
        _worker_extractor = Extractor(vocabulary, label_tokens=saved[1] if fits else None)
        if keep and not fits:
            kept.save(keep, (vocabulary.fingerprint, _worker_extractor.label_tokens))
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

    key: str  # hash of the file's name and content: names its FileGraph in the cache ("": not read yet)
    size: int
    mtime_ns: int
    problems: list[Problem]
    papers: int
    where: Location | None = None  # its FileGraph in the cache


@dataclass
class _Index:
    """What the last build read and wrote: its files, the state it merged them into
    (saved apart, under the same generation) and the outputs it wrote from that state."""

    entries: dict[str, SourceEntry] = field(default_factory=dict)
    generation: str = ""
    stats: GraphStats = field(default_factory=GraphStats)
    outputs: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime_ns)
    view_version: str = ""

    # Entries are pickled as plain tuples: as dataclasses, saving and loading a year's
    # index took a tenth of a second of every update.
    def __getstate__(self) -> dict:
        saved = dict(self.__dict__)
        saved["entries"] = (list(self.entries), [(e.key, e.size, e.mtime_ns, e.problems, e.papers, e.where and tuple(e.where))
                                                 for e in self.entries.values()])
        return saved

    def __setstate__(self, saved: dict) -> None:
        names, rows = saved["entries"]
        saved["entries"] = {name: SourceEntry(key, size, mtime, problems, papers, where and Location._make(where))
                            for name, (key, size, mtime, problems, papers, where) in zip(names, rows)}
        self.__dict__.update(saved)


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
    with Builder(out, jobs=jobs, use_cache=use_cache, view=view) as builder:
        return builder.build(inputs, progress=progress, on_start=on_start)


def watch(inputs: Sequence[str | Path] = ("seeds",), out: str | Path = "output", *, interval: float = 5.0,
          jobs: int | None = None, view: bool = True,
          on_build: Callable[[BuildReport], None] | None = None,
          on_error: Callable[[KgError], None] | None = None,
          stop: threading.Event | None = None) -> None:
    """Build the graph of ``inputs`` into ``out``, then look at the inputs every
    ``interval`` seconds and build again when they changed, until ``stop`` is set.

    ``on_build`` is given the report of the first build and of each later one that
    merged a change. A build's error goes to ``on_error``, and the watch goes on (without
    it, the error is raised). The builds keep their workers and state between them (see
    :class:`Builder`): an update costs what changed.
    """
    stop = stop or threading.Event()
    # (stopped by Ctrl-C, or by a service manager's SIGTERM, even if started in the background:
    # the workers are stopped as the Builder closes)
    with interrupt_on(*STOP_SIGNALS), Builder(out, jobs=jobs, view=view) as builder:
        first = True
        while True:
            try:
                report = builder.build(inputs)
            except KgError as err:
                if on_error is None:
                    raise
                on_error(err)
            else:
                if on_build and (first or report.merged_files):
                    on_build(report)
                first = False
            if stop.wait(interval):
                return


class Builder:
    """Builds into one ``out`` folder that keep, from one to the next, what a build
    otherwise starts by loading: the vocabulary, the extraction workers and the merged
    state. A build that finds the folder as the last one left it merges what changed at
    once, with no start-up and no state read back: this is what ``kg build --watch``
    keeps between looks at its inputs. Close it (or use it as a context manager) to stop
    the workers.
    """

    def __init__(self, out: str | Path = "output", *, jobs: int | None = None, use_cache: bool = True,
                 view: bool = True):
        self.out, self.jobs, self.use_cache, self.view = Path(out), jobs, use_cache, view
        self._vocabulary: Vocabulary | None = None
        self._version = ""
        self._workers: _Workers | None = None
        self._last: _Written | None = None

    def build(self, inputs: Sequence[str | Path] = ("seeds",), *, progress: Callable[[int], None] | None = None,
              on_start: Callable[[int], None] | None = None) -> BuildReport:
        """Build the graph of ``inputs``: see :func:`build`."""
        start = time.perf_counter()
        cache = self._start()
        workers = self._workers
        try:
            files, problems = find_file_names(inputs)
            report = BuildReport(files=len(files), problems=list(problems), cached_files=len(files))
            known = cache.index()
            # files the last build never read must be extracted: their workers start now, not after the scan
            here = os.getcwd()
            workers.expect(sum(display_name(path, here) not in known.entries for path in files)
                           if known.entries else len(files))
            if on_start:
                on_start(len(files))
            # (a new file is only hashed when a result might be kept for it; else its worker does)
            index, paths, changed = _scan(files, known.entries, report, hash_new=bool(cache.results))
            gone = [e.key for name, e in known.entries.items()
                    if e.key and (name not in index or index[name].key != e.key)]  # no key: nothing merged
            outputs = [self.out / "graph.ttl", *([self.out / "graph.html"] if self.view else [])]
            if not changed and not gone and _unchanged(outputs, known, self.view):
                stats = known.stats
                if progress:
                    progress(len(index))
            else:
                last, self._last = self._last, None  # (kept again once this build has written it all)
                kept_state = last.state_of(known, outputs[0], cache) if last else None
                stats, extracted, report.merged_files, self._last = _merge(
                    index, paths, changed, gone, known, cache, outputs, self._vocabulary, workers, progress,
                    kept_state)
                report.cached_files -= extracted
        except BaseException:
            self.close()  # (its workers may still be at what this build no longer wants)
            raise
        finally:
            cache.results.close()
        report.outputs = outputs
        for name in sorted(index):
            report.problems.extend(index[name].problems)
            if not index[name].papers:
                report.skipped_files.append(name)
        report.papers, report.entities, report.triples = stats.papers, stats.entities, stats.triples
        report.seconds = time.perf_counter() - start
        return report

    def _start(self) -> "_Cache":
        """This build's cache; the vocabulary read again, and the workers started anew
        (forgetting the last state) when it changed."""
        vocabulary = load_vocabulary()
        if self._vocabulary is None or vocabulary.fingerprint != self._vocabulary.fingerprint:
            self.close()
            self._vocabulary, self._version = vocabulary, extractor_version(vocabulary)
        cache = _Cache(self.out / "cache", self._version, self.use_cache)
        if self._workers is None:
            # they start up while files are found and the state is read
            self._workers = _Workers(self.jobs, self._vocabulary, every_file=not cache.kept_before(),
                                     label_tokens=cache.label_tokens)
        return cache

    def close(self) -> None:
        if self._workers is not None:
            self._workers.close()
        self._workers, self._last = None, None

    def __enter__(self) -> "Builder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class _Written:
    """What a build wrote and merged, kept for the next build of the same Builder."""

    generation: str
    state: GraphState
    turtle: list[bytes]  # the graph file's pieces, as written
    graph_stat: tuple[int, int] | None

    def state_of(self, known: "_Index", graph_path: Path, cache: "_Cache") -> GraphState | None:
        """The state, as a build reading it back from the cache would have it, if the
        folder is still as this build left it (no other build wrote since)."""
        if not (self.generation == known.generation and self.graph_stat == file_stat(graph_path)
                and known.outputs.get(str(graph_path)) == self.graph_stat):
            return None
        self.state.written(b"".join(self.turtle))
        cache.journaled = self.generation
        return self.state


def _merge(index: dict[str, SourceEntry], paths: dict[str, str], changed: list[str], gone: list[str],
           known: _Index, cache: "_Cache", outputs: list[Path], vocabulary: Vocabulary, workers: "_Workers",
           progress: Callable[[int], None] | None,
           kept_state: GraphState | None = None) -> tuple[GraphStats, int, int, _Written]:
    """Merge what changed into the last build's state (``kept_state``, or read back from
    the cache), write the outputs and the cache; the graph's counts, how many files were
    extracted and how many merged, and what was written."""
    cached, todo = cache.lookup(changed, index, paths)
    workers.expect(len(todo))
    if progress:
        progress(len(index) - len(todo))
    extraction = workers.extract(todo, progress)  # runs while this process loads the state
    state = kept_state or cache.state(known, outputs[0])
    removed = [cache.graph(key) for key in gone]
    if len(outputs) > 1:
        _prepare_overview()  # while the workers extract
    batches, extracted = [cached, cache.kept(extraction, index)], len(todo)
    if state is None or any(graph is None for graph in removed):  # first build, or cache lost: all anew
        state, removed = GraphState(), []
        extracting = set(changed)
        more, rest = cache.lookup([name for name in index if name not in extracting], index, paths)
        workers.expect(len(rest))
        batches += [more, cache.kept(workers.extract(rest, None), index)]
        extracted += len(rest)
    merged = {graph.source for graph in removed}

    def noted(graphs: Iterable[FileGraph]) -> Iterator[FileGraph]:
        for graph in graphs:
            entry = index[graph.source]
            entry.problems, entry.papers = list(graph.problems), len(graph.papers)
            merged.add(graph.source)
            yield graph

    def load(source: str) -> FileGraph:
        return cache.graph(index[source].key) or _extracted(paths[source], source)[1]

    # Each result is counted into the state as it comes, while the workers extract the
    # next; the collector is off meanwhile, or it walks the growing state again and again.
    with collector_paused():
        state.update(removed, noted(chain.from_iterable(batches)), vocabulary, load)
    generation, stats = uuid.uuid4().hex, state.stats()
    turtle = state.turtle()  # (joined before forking: joining after touches every block, copying their pages)
    record = cache.journal_record(state, generation)
    draw = [("drawing the overview", partial(_draw_overview, state, outputs[1]))] if len(outputs) > 1 else []
    # The graph is written by a thread (the kernel's work) while the state is saved and
    # the overview drawn. A state saved whole is pickled here, which holds the
    # interpreter, and the overview drawn in a forked process. After an update, whose
    # state is saved as a small record after the graph, the overview is drawn here: in a
    # forked process both sides copy each page of the state they write to, and reading
    # an object writes its reference count. (The index, saved last, names the state and
    # graph it goes with: a build stopped midway leaves the last one's.)
    if record is None:
        with _alongside(draw), _in_thread(partial(write_atomic, outputs[0], turtle)):
            cache.save_state(state, generation)
    else:
        with _in_thread(partial(_write_graph, turtle, outputs[0], cache, record)):
            for _, task in draw:
                task()
    written = _Index(index, generation, stats, {str(p): file_stat(p) for p in outputs}, _view_version())
    cache.save_index(written)
    return stats, extracted, len(merged), _Written(generation, state, turtle, written.outputs[str(outputs[0])])


def _prepare_overview() -> None:
    """Import what drawing the overview needs, while the workers extract."""
    with collector_paused():
        import networkx  # noqa: F401
        import numpy  # noqa: F401

        from . import view  # noqa: F401


def _draw_overview(state: GraphState, html_path: Path) -> None:
    from .view import write_state_overview

    write_state_overview(state, html_path)


def _write_graph(turtle: list[bytes], path: Path, cache: "_Cache", record: bytes) -> None:
    """The graph file, then the journal record that the next build reads it back with."""
    write_atomic(path, turtle)
    cache.save_record(record)


@contextmanager
def _alongside(tasks: list[tuple[str, Callable[[], object]]]):
    """Run each (what it does, task) in a forked process while the with-block runs, and
    raise the first error after the block."""
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
            child.join()  # not stopped midway: what it writes is written whole
        raise
    errors = [_outcome(child, receive) for child, receive in children]
    if any(errors):
        raise next(error for error in errors if error)


@contextmanager
def _in_thread(task: Callable[[], object]):
    """Run ``task`` in a thread while the with-block runs, and raise its error after."""
    errors = []

    def run() -> None:
        try:
            task()
        except BaseException as err:  # noqa: BLE001 - raised after the block
            errors.append(err)

    thread = threading.Thread(target=run)
    thread.start()
    try:
        yield
    finally:
        thread.join()
    if errors:
        raise errors[0]


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
    return (bool(known.generation) and all(known.outputs.get(str(path), False) == file_stat(path) for path in outputs)
            and (not view or known.view_version == _view_version()))


def _size(path: Path) -> int:
    stat = file_stat(path)
    return stat[0] if stat else 0


def _view_version() -> str:
    """Changes whenever the code or assets that draw the overview change."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in [here / "view.py", *sorted((here / "assets").iterdir())]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _scan(files: list[str], known: dict[str, SourceEntry], report: BuildReport, hash_new: bool):
    """Each readable file's entry (the known one when unchanged), its path, and the names
    of the files that changed or are new. A new file is hashed only if ``hash_new``."""
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
            key = ""
            if old or hash_new:
                with open(path, "rb") as handle:
                    key = _content_key(name, handle.read())
        except OSError as err:
            report.problems.append(Problem(name, 0, f"cannot read: {err.strerror}"))
            continue
        paths[name] = path
        if old and old.key == key:  # touched, not changed
            index[name] = SourceEntry(key, stat.st_size, stat.st_mtime_ns, old.problems, old.papers, old.where)
            continue
        index[name] = SourceEntry(key, stat.st_size, stat.st_mtime_ns, [], 0)
        changed.append(name)
    return index, paths, changed


# The state is saved whole again when its journal would outgrow this share of it: a
# month of daily updates is about a twentieth.
_JOURNAL_SHARE = 4


class _Cache:
    """Per-file results, the last build's index and state, under ``OUT/cache/<extractor
    version>/`` (see ``kg.cache``). Results of older extractor versions can never be
    used again and are removed."""

    def __init__(self, root: Path, version: str, enabled: bool):
        self.root, self.folder, self.enabled = root, root / version, enabled
        self.results = ResultStore(self.folder, enabled)
        self.journaled: str | None = None  # the generation of the state read back (None: save it whole)
        self.label_tokens = self.folder / "label-tokens.pickle" if enabled else None

    def graph(self, key: str) -> FileGraph | None:
        data = self.results.get(key) if key else None
        graph = kept.loads(data) if data is not None else None
        return graph if isinstance(graph, FileGraph) else None

    def lookup(self, names: list[str], index: dict[str, SourceEntry], paths: dict[str, str]):
        """The cached FileGraphs of ``names``, and the jobs of those not cached: (path, name)."""
        found, missing = [], []
        for name in names:
            entry = index[name]
            graph = self.graph(entry.key)
            if graph is None:
                missing.append((paths[name], name))
            else:  # (it may be in a pack the index did not know of: unrecorded, saving the index drops it)
                entry.where = self.results.where[entry.key]
                found.append(graph)
        return found, missing

    def kept(self, results: Iterable[tuple[str, bytes]], index: dict[str, SourceEntry]) -> Iterator[FileGraph]:
        """Each extracted (key, pickled FileGraph), kept and unpickled. A file that could
        not be read has no key: it is not kept, and is read again next build."""
        for key, data in results:
            graph = pickle.loads(data)
            entry = index[graph.source]
            if key:
                entry.key, entry.where = key, self.results.put(key, data)
            else:
                entry.key, entry.mtime_ns = "", -1
            yield graph

    def kept_before(self) -> bool:
        """Whether a build of this extractor version left anything to reuse (a quick look:
        an index, or packs gathered from other machines)."""
        return self.enabled and ((self.folder / "index.pickle").exists() or (self.folder / "packs").is_dir())

    def index(self) -> _Index:
        index = kept.load(self.folder / "index.pickle") if self.enabled else None
        index = index if isinstance(index, _Index) else _Index()
        self.results.know((entry.key, entry.where) for entry in index.entries.values() if entry.where)
        return index

    def state(self, known: _Index, graph_path: Path) -> GraphState | None:
        """The state the index was written with (the last whole one, with the records of
        the updates since), its blocks read back from the graph file it wrote, if both
        are still there as they were."""
        saved = kept.load(self.folder / "state.pickle") if self.enabled and known.generation else None
        if not (isinstance(saved, tuple) and known.outputs.get(str(graph_path)) == file_stat(graph_path)):
            return None
        generation, state = saved
        records, self.journaled = [], generation
        for record in kept.journal(self.folder / "state.journal"):
            if generation == known.generation or not (isinstance(record, tuple) and len(record) == 3
                                                      and record[0] == generation):
                self.journaled = None  # records the index does not know: the next state is saved whole
                break
            _, generation, changes = record
            records.append(changes)
            self.journaled = generation
        if generation != known.generation:
            return None
        try:
            turtle = graph_path.read_bytes()
        except OSError:
            return None
        state.apply(records)
        return state if state.read_blocks(turtle) else None

    def journal_record(self, state: GraphState, generation: str) -> bytes | None:
        """What an update changed, as a record to append to the state's journal; None
        when the state is to be saved whole: it was not read back, or the journal would
        outgrow its share of it."""
        if not (self.enabled and self.journaled and state.read_back()):
            return None
        record = pickle.dumps((self.journaled, generation, state.changes()), protocol=pickle.HIGHEST_PROTOCOL)
        room = _size(self.folder / "state.pickle") // _JOURNAL_SHARE - _size(self.folder / "state.journal")
        return record if len(record) <= room else None

    def save_state(self, state: GraphState, generation: str) -> None:
        """Save the state whole, as ``generation``, and begin a new journal."""
        if self.enabled:
            kept.save(self.folder / "state.pickle", (generation, state))
            (self.folder / "state.journal").unlink(missing_ok=True)

    def save_record(self, record: bytes) -> None:
        """Append a record (see ``journal_record``) to the state's journal."""
        if self.enabled:
            kept.append(self.folder / "state.journal", record)

    def save_index(self, index: _Index) -> None:
        """Saved after the state: it names the state it goes with."""
        if not self.enabled:
            return
        live = self.results.collect({e.key: e.where for e in index.entries.values() if e.key and e.where})
        for entry in index.entries.values():
            entry.where = live.get(entry.key)
        kept.save(self.folder / "index.pickle", index)
        kept.remove_other_versions(self.root, self.folder)


def _extract_job(job: tuple[str, str]) -> tuple[str, bytes]:
    """In a worker: a file's key and its FileGraph, pickled once here, for the cache and
    for the way back."""
    key, graph = _extracted(*job)
    return key, pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL)


def _extracted(path: str, name: str) -> tuple[str, FileGraph]:
    """The cache key of the bytes read, which may no longer be those the build hashed,
    and their FileGraph. No key when the file could not be read: that is not cached,
    the file may come back as it was."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        return "", FileGraph(name, problems=[Problem(name, 0, f"cannot read: {err.strerror}")], unread=True)
    return _content_key(name, data), process_file(data, name)


def _content_key(name: str, data: bytes) -> str:
    return hashlib.sha256(name.encode() + b"\0" + data).hexdigest()


class _Workers:
    """Extraction processes, forked at the start of a build so that they import spaCy and
    build their extractor while the build scans files and loads its last state (on a
    day's update that start-up is most of the cost). With one job, the build extracts
    in its own process.

    One worker starts loading at once; the others wait until ``expect`` says how many
    files there are to extract. On two cores, a second worker loading spaCy for a day's
    update slowed the build's own loading by more than it could win back.
    """

    def __init__(self, jobs: int | None, vocabulary: Vocabulary, every_file: bool = False,
                 label_tokens: Path | None = None):
        """``every_file``: nothing can be reused, every file will be extracted; the
        extractor is then built here, once, and the workers forked with it ready.
        ``label_tokens``: where the extractor's label tokens are kept between builds."""
        global _worker_vocabulary, _worker_label_tokens
        _worker_label_tokens = label_tokens
        self.vocabulary = vocabulary
        self.jobs = jobs or os.cpu_count() or 1
        self.pool = None
        self.started = 1
        if self.jobs > 1:
            _worker_vocabulary = vocabulary  # forked workers inherit it
            if every_file:
                with collector_paused():
                    _extractor(vocabulary)
            context = multiprocessing.get_context("fork")
            self.starts = context.Semaphore(1)
            self.pool = context.Pool(self.jobs, initializer=_start_worker, initargs=(self.starts,))

    def expect(self, files: int) -> None:
        """Let as many more workers start as ``files`` to extract are worth."""
        if self.pool is not None:
            wanted = min(self.jobs, 1 + files // _FILES_PER_EXTRA_WORKER)
            for _ in range(wanted - self.started):
                self.starts.release()
            self.started = max(self.started, wanted)

    def extract(self, todo: list[tuple[str, str]], progress: Callable[[int], None] | None) -> Iterator[tuple[str, bytes]]:
        """Each job's (key, pickled FileGraph) (see ``_extract_job``), in order; the work
        starts now, not when iterated."""
        if not todo:
            return iter(())
        if self.pool is None:
            _extractor(self.vocabulary)
            results = map(_extract_job, todo)
        else:
            chunk = max(1, min(64, len(todo) // (self.jobs * 8)))
            results = self.pool.imap(_extract_job, todo, chunksize=chunk)
        return _counted(results, progress)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()  # all results are in, or they are not wanted
            self.pool.join()


# A worker's start-up (spaCy and the extractor) costs about what extracting this many
# files does, so a worker more pays for itself only past it.
_FILES_PER_EXTRA_WORKER = 300


def _start_worker(starts) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle: it stops the workers
    for number in set(STOP_SIGNALS) - {signal.SIGINT}:  # (a watch's handlers are not theirs: stopped, they end)
        signal.signal(number, signal.SIG_DFL)
    starts.acquire()
    # spaCy, the vocabulary and the extractor stay: the collector need not walk them, as
    # it did again and again while they were made (a sixth of the start)
    with collector_paused():
        _extractor()


@contextmanager
def _spacy_without_cli():
    """spaCy imported without ``spacy.cli``, which its package imports only to offer
    ``spacy.info``: with it come requests, httpx and weasel, a third of spaCy's import
    (and of a worker's start, most of a day's update). Stand-ins take its place while
    spaCy is imported and are taken out after, so that a program using kg can still
    import ``spacy.cli`` itself. Extraction only tokenizes and matches."""
    stubs = {}
    if "spacy" not in sys.modules:
        info = types.ModuleType("spacy.cli.info")
        info.info = None
        cli = types.ModuleType("spacy.cli")
        cli.info = info
        stubs = {"spacy.cli": cli, "spacy.cli.info": info}
        sys.modules.update(stubs)
    try:
        yield
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]


def _counted(results: Iterable, progress: Callable[[int], None] | None) -> Iterator:
    for result in results:
        if progress:
            progress(1)
        yield result
