"""Open a built graph for querying.

``--graph`` options name a build folder (``output/``) or a graph file; both resolve to
one RDF file that is loaded into an Oxigraph store (much faster SPARQL than rdflib's
engine on large graphs).
"""
from __future__ import annotations

from pathlib import Path

from .errors import InputError

GRAPH_FILE = "graph.ttl"
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


def load_store(path: str | Path = "output"):
    """An in-memory Oxigraph store holding the graph that ``path`` names."""
    import pyoxigraph

    graph_file = resolve_graph(path)
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(graph_file), format=pyoxigraph.RdfFormat.from_media_type(
            _FORMATS[graph_file.suffix.lower()]))
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(f"{graph_file}: cannot be loaded: {err}") from None
    return store
