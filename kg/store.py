"""Open a built graph for querying.

``--graph`` options name a build folder (``output/``) or a graph file; both resolve to
one RDF file that is loaded into an Oxigraph store (much faster SPARQL than rdflib's
engine on large graphs).

Parsing a year of digests' Turtle takes seconds, longer than a query should, so
``open_store`` keeps an on-disk Oxigraph store beside the graph: ``DIR/store/`` for a
build folder's ``graph.ttl``, ``FILE.store/`` for any other graph file. It is made on
first use, reused while the graph file keeps its size and modification time, and
replaced whole (built in a temporary folder, then renamed) when the graph changes.
Beside the database it keeps the entities' labels by matching key and the papers'
titles, for lookups that Python answers faster than SPARQL (``label_index``,
``title_index``).
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from pathlib import Path

from .errors import InputError
from .namespaces import PREFIXES

GRAPH_FILE = "graph.ttl"
STORE_DIR = "store"
_STAMP = "kg-stamp.json"
_LABELS = "kg-labels.json"
_TITLES = "kg-titles.json"
_LAYOUT = 2  # of the store folder: change it when what the folder holds changes
PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}  # declared in queries
_FORMATS = {".ttl": "text/turtle", ".nt": "application/n-triples", ".nq": "application/n-quads",
            ".trig": "application/trig", ".rdf": "application/rdf+xml", ".xml": "application/rdf+xml",
            ".jsonld": "application/ld+json"}


def resolve_graph(path: str | Path = "output") -> Path:
    """The graph file a ``--graph`` value names: a build folder's graph.ttl, or the file."""
    path = Path(path)
    if path.is_dir():
        path = path / GRAPH_FILE
    if not path.is_file():
        raise InputError(f"no built graph at {path}: run `kg build` first, or name one with --graph")
    if path.suffix.lower() not in _FORMATS:
        raise InputError(f"{path}: unknown RDF file type (use one of {', '.join(sorted(_FORMATS))})")
    return path


def rdf_format(graph_file: Path):
    """The pyoxigraph format of a graph file, from its suffix."""
    import pyoxigraph

    return pyoxigraph.RdfFormat.from_media_type(_FORMATS[graph_file.suffix.lower()])


def load_store(path: str | Path = "output"):
    """An in-memory Oxigraph store holding the graph that ``path`` names."""
    import pyoxigraph

    graph_file = resolve_graph(path)
    store = pyoxigraph.Store()
    try:
        _load(store, graph_file)
    except OSError as err:
        raise InputError(f"{graph_file}: cannot be read: {err}") from None
    return store


def store_dir(graph_file: Path) -> Path:
    """Where the on-disk store of a graph file lives."""
    if graph_file.name == GRAPH_FILE:
        return graph_file.parent / STORE_DIR
    return graph_file.with_name(graph_file.name + ".store")


def open_store(path: str | Path = "output"):
    """A read-only Oxigraph store of the graph that ``path`` names.

    The on-disk store beside the graph is (re)built first when missing or stale. Where
    it cannot be written (a read-only folder, a full disk), the graph is loaded in
    memory instead.
    A process keeps the stores it opened while their graphs do not change.
    """
    graph_file = resolve_graph(path)
    return _open_store(graph_file.resolve(), store_dir(graph_file).resolve(), _stamp(graph_file))


def label_index(path: str | Path = "output") -> dict[str, list[str]]:
    """The entities of a graph by their labels' matching keys (``kg.vocab.norm``)."""
    return _index(path, _LABELS)


def title_index(path: str | Path = "output") -> list[list[str]]:
    """Every title of every paper of a graph, as ``[arxiv_id, title]`` pairs."""
    return _index(path, _TITLES)


@functools.lru_cache(maxsize=4)
def _open_store(graph_file: Path, folder: Path, stamp: str):
    import pyoxigraph

    try:
        if _read_stamp(folder) != stamp:
            _build_store(graph_file, folder, stamp)
        return pyoxigraph.Store.read_only(str(folder))
    except OSError:  # a read-only or full disk: answer anyway, from memory
        return load_store(graph_file)


def _index(path: str | Path, name: str):
    graph_file = resolve_graph(path)
    return _read_index(graph_file.resolve(), store_dir(graph_file).resolve(), _stamp(graph_file), name)


@functools.lru_cache(maxsize=8)
def _read_index(graph_file: Path, folder: Path, stamp: str, name: str):
    store = _open_store(graph_file, folder, stamp)
    if _read_stamp(folder) == stamp:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    return _INDEXES[name](store)  # the store is in memory


def _labels_of(store) -> dict[str, list[str]]:
    import pyoxigraph

    from .namespaces import SKOS
    from .vocab import norm

    index: dict[str, set[str]] = {}
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for quad in store.quads_for_pattern(None, pyoxigraph.NamedNode(str(prop)), None):
            index.setdefault(norm(quad.object.value), set()).add(quad.subject.value)
    return {key: sorted(iris) for key, iris in sorted(index.items())}


def _titles_of(store) -> list[list[str]]:
    rows = select(store, "SELECT ?id ?title WHERE { ?paper kg:arxivId ?id ; dcterms:title ?title }")
    return sorted([row["id"], row["title"]] for row in rows)


# Beside the database, what a Python lookup answers faster than SPARQL can.
_INDEXES = {_LABELS: _labels_of, _TITLES: _titles_of}


def _load(store, graph_file: Path) -> None:
    """Load a graph file into a store; OSError (reading it, writing the store) passes."""
    try:
        store.bulk_load(path=str(graph_file), format=rdf_format(graph_file))
    except (SyntaxError, ValueError) as err:
        raise InputError(f"{graph_file}: not valid RDF: {err}") from None


def file_stat(path: Path) -> tuple[int, int] | None:
    """A file's size and modification time, or None when it cannot be read: how builds and
    the server tell that a file was written again."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _stamp(graph_file: Path) -> str:
    """What identifies the graph a store was made from (and the store's format)."""
    import pyoxigraph

    info = graph_file.stat()
    return json.dumps({"graph": graph_file.name, "size": info.st_size, "mtime_ns": info.st_mtime_ns,
                       "pyoxigraph": pyoxigraph.__version__, "layout": _LAYOUT})


def _read_stamp(folder: Path) -> str | None:
    try:
        return (folder / _STAMP).read_text(encoding="utf-8")
    except OSError:
        return None


def _build_store(graph_file: Path, folder: Path, stamp: str) -> None:
    """Load the graph into a new store folder, then swap it in for the old one.

    The stamp is written last, so a folder with a stamp always holds a complete store.
    """
    import pyoxigraph

    building = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        store = pyoxigraph.Store(str(building))
        _load(store, graph_file)
        store.flush()
        for name, make in _INDEXES.items():
            (building / name).write_text(json.dumps(make(store), ensure_ascii=False), encoding="utf-8")
        del store  # closes the database before the folder moves
        (building / _STAMP).write_text(stamp, encoding="utf-8")
        _swap_in(building, folder, stamp)
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _swap_in(new: Path, folder: Path, stamp: str) -> None:
    if _read_stamp(folder) == stamp:
        return  # another process has just made the same store: leave it to its readers
    old = None
    if folder.exists():
        old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".old"))
        os.replace(folder, old / folder.name)
    try:
        os.replace(new, folder)
    except OSError:
        if not folder.exists():  # else another process swapped its store in first
            raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def select(store, query: str):
    """Rows of a SELECT as dicts of plain strings (IRIs, literals' text); an ASK's bool.

    The project's prefixes are declared; an unbound variable is missing from its row.
    """
    import pyoxigraph

    answer = store.query(query, prefixes=PREFIX_IRIS)
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return bool(answer)
    names = list(enumerate(v.value for v in answer.variables))
    return [{name: term.value for i, name in names if (term := solution[i]) is not None} for solution in answer]
