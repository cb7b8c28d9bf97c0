"""Export a built graph as RDF, or as a network of papers and entities.

RDF formats (``ttl``, ``nt``, ``jsonld``, ``trig``) hold every triple, sorted so that
the same graph always exports to the same bytes (N-Triples lines in code-point order).

Network formats (``graphml``, ``gexf``, ``csv``) hold the paper-entity graph of
``paper_entity_graph``: papers and entities as nodes with their type and labels, and an
edge from each paper to each entity it names. ``csv`` writes two files: ``FILE-nodes.csv``
and ``FILE-edges.csv``.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError
from .graph import write_atomic
from .query import short
from .records import ENTITY_TYPES
from .related import USES

RDF_FORMATS = ("ttl", "nt", "jsonld", "trig")
NETWORK_FORMATS = ("graphml", "gexf", "csv")
FORMATS = RDF_FORMATS + NETWORK_FORMATS
_NODE_COLUMNS = ("id", "type", "label", "label_zh", "iri")
_EDGE_COLUMNS = ("source", "target", "relation", "proposed")


def export(fmt: str, *, graph="output", output: str | Path) -> list[Path]:
    """Write the graph in ``fmt`` to ``output``, atomically; return the files written.

    For ``csv``, ``output`` names the pair ``OUTPUT-nodes.csv`` and ``OUTPUT-edges.csv``
    (a ``.csv`` suffix on ``output`` is dropped first).
    """
    output = Path(output)
    if fmt == "csv":
        stem = output.with_suffix("") if output.suffix.lower() == ".csv" else output
        nodes, edges = stem.with_name(stem.name + "-nodes.csv"), stem.with_name(stem.name + "-edges.csv")
        network = paper_entity_graph(graph)
        write_atomic(nodes, _csv_lines(_NODE_COLUMNS, _node_rows(network)))
        write_atomic(edges, _csv_lines(_EDGE_COLUMNS, _edge_rows(network)))
        return [nodes, edges]
    write_atomic(output, export_lines(fmt, graph=graph))
    return [output]


def export_lines(fmt: str, *, graph="output") -> Iterator[str]:
    """The text of the graph in one-file format ``fmt`` (all but ``csv``), in pieces."""
    if fmt in RDF_FORMATS:
        return iter([_rdf_text(fmt, graph)])
    import networkx as nx

    # NetworkX's generators give lines without their line ends.
    if fmt == "graphml":
        return (line + "\n" for line in nx.generate_graphml(paper_entity_graph(graph)))
    if fmt == "gexf":
        return (line + "\n" for line in nx.generate_gexf(paper_entity_graph(graph)))
    if fmt == "csv":
        raise InputError("csv export writes two files (FILE-nodes.csv and FILE-edges.csv): name FILE with --output")
    raise InputError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")


def _rdf_text(fmt: str, graph) -> str:
    import pyoxigraph

    from .store import PREFIX_IRIS, rdf_format, resolve_graph

    graph_file = resolve_graph(graph)
    try:
        quads = sorted(pyoxigraph.parse(path=str(graph_file), format=rdf_format(graph_file)), key=str)
    except (SyntaxError, ValueError) as err:
        raise InputError(f"{graph_file}: not valid RDF: {err}") from None
    except OSError as err:
        raise InputError(f"{graph_file}: cannot be read: {err}") from None
    target = {"ttl": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
              "jsonld": pyoxigraph.RdfFormat.JSON_LD, "trig": pyoxigraph.RdfFormat.TRIG}[fmt]
    prefixes = PREFIX_IRIS if fmt in ("ttl", "trig") else None
    return pyoxigraph.serialize(quads, format=target, prefixes=prefixes).decode("utf-8")


def paper_entity_graph(graph="output"):
    """The papers and entities of a built graph as a NetworkX directed graph.

    Parameters
    ----------
    graph : str or Path
        A build folder or a graph file.

    Returns
    -------
    networkx.DiGraph
        Nodes are named by prefixed IRIs (``paper:2509.22611``, ``ent:grpo``) and have
        ``type`` (``Paper`` or an entity type), ``label`` (English title or preferred
        label), ``label_zh`` (Chinese title, where there is one) and ``iri``. An edge
        from a paper to an entity has ``relation`` (``usesMethod`` ...) and
        ``proposed`` (whether the paper introduces the entity).

    Examples
    --------
    >>> network = paper_entity_graph("output")
    >>> network.nodes["ent:grpo"]["label"], network.nodes["ent:grpo"]["type"]
    ('GRPO', 'Method')
    >>> network.edges["paper:2509.22611", "ent:grpo"]["relation"]
    'usesMethod'
    """
    import networkx as nx

    from .store import open_store

    store = open_store(graph)
    network = nx.DiGraph()
    _add_papers(network, store)
    _add_entities(network, store)
    _add_links(network, store)
    return network


# Rows are sorted here, not in SPARQL: Oxigraph sorts by IRI slowly (it looks up each text).

def _add_papers(network, store) -> None:
    from .store import select

    titles: dict[str, dict[str, str]] = defaultdict(dict)
    for row in select(store, "SELECT ?node ?title (LANG(?title) AS ?lang) WHERE { ?node a kg:Paper ; dcterms:title ?title }"):
        titles[row["node"]][row.get("lang", "")] = row["title"]
    for iri, by_lang in sorted(titles.items()):
        label = by_lang.get("en") or next(iter(by_lang.values()))
        zh = {"label_zh": by_lang["zh"]} if "zh" in by_lang else {}
        network.add_node(_node_id(iri), type="Paper", label=label, **zh, iri=iri)


def _add_entities(network, store) -> None:
    from .store import select

    types = " ".join(f"kg:{t}" for t in ENTITY_TYPES)
    rows = select(store, f"SELECT ?node ?type ?label WHERE {{ VALUES ?type {{ {types} }} ?node a ?type ; skos:prefLabel ?label }}")
    for row in sorted(rows, key=lambda row: row["node"]):
        network.add_node(_node_id(row["node"]), type=_local_name(row["type"]), label=row["label"], iri=row["node"])


def _add_links(network, store) -> None:
    from .store import select

    uses = " ".join(f"<{prop}>" for prop in USES.values())
    rows = select(store, f"SELECT ?paper ?relation ?entity WHERE {{ VALUES ?relation {{ {uses} }} ?paper ?relation ?entity }}")
    proposed = {(row["paper"], row["entity"]) for row in select(store, "SELECT ?paper ?entity WHERE { ?paper kg:proposes ?entity }")}
    for row in sorted(rows, key=lambda row: (row["paper"], row["entity"])):
        network.add_edge(_node_id(row["paper"]), _node_id(row["entity"]), relation=_local_name(row["relation"]),
                         proposed=(row["paper"], row["entity"]) in proposed)


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _node_id(iri: str) -> str:
    from rdflib import URIRef

    return short(URIRef(iri))


def _node_rows(network) -> Iterable[tuple]:
    for node, data in network.nodes(data=True):
        yield node, data["type"], data["label"], data.get("label_zh", ""), data["iri"]


def _edge_rows(network) -> Iterable[tuple]:
    for source, target, data in network.edges(data=True):
        yield source, target, data["relation"], "true" if data["proposed"] else "false"


def _csv_lines(header: tuple[str, ...], rows: Iterable[tuple]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in (header, *rows):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
