"""Interactive HTML views of a built graph: one self-contained file each.

A view is a small NetworkX graph of papers and the entities they use, chosen from the
built graph (all of it, one entity and its papers, one paper and its related papers, or
the paper-paper projection), cut to a size a browser draws at once, laid out in Python,
and written into one HTML file with vis-network inlined: the page makes no request.

Safety: names and titles reach the page only as JSON data, which is escaped so that no
string can close its ``<script>``; the page shows them with ``textContent`` or draws them
on the canvas, never as HTML, and its Content-Security-Policy runs only our own scripts.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import InputError, KgError
from .records import ENTITY_TYPES

DEFAULT_MAX_NODES = 2000
RELATED_PAPERS = 10
PROJECTION_TYPES = ("Method",)

# Colour-blind-safe (Okabe-Ito) colours, one per node type; shapes tell papers apart too.
TYPE_STYLE = {
    "Paper": ("#5b6b7f", "square"),
    "Method": ("#0072b2", "dot"),
    "Model": ("#d55e00", "dot"),
    "Dataset": ("#009e73", "dot"),
    "Metric": ("#cc79a7", "dot"),
    "Task": ("#e69f00", "dot"),
}
FONT_STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
              '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, '
              '-apple-system, "Segoe UI", Roboto, Arial, sans-serif')

# A paper names an entity through the property of its type, or proposes it (ontology/kg.ttl).
_LINKS = ("usesMethod", "usesModel", "usesDataset", "usesMetric", "addressesTask", "proposes")
_ASSETS = Path(__file__).with_name("assets")
_PAPER_LABEL = 32       # characters of a paper's title drawn under its node
_TOOLTIP_PAPERS = 6     # papers listed in an entity's tooltip
_COMMON_ENTITY = 200    # entities in more papers add no projection edges: too many pairs, little meaning
_PROJECTION_DEGREE = 6  # strongest links kept per paper in a projection


@dataclass
class ViewStats:
    """What a written view holds, and whether the size limit cut it."""

    path: Path
    title: str
    nodes: int
    edges: int
    total_nodes: int
    total_edges: int
    max_nodes: int
    seconds: float = 0.0

    @property
    def limited(self) -> bool:
        return self.total_nodes > self.nodes

    def notice(self) -> str | None:
        """The sentence that says the view is cut, or None when it is whole."""
        if not self.limited:
            return None
        return (f"This view has {self.total_nodes:,} nodes; showing the {self.nodes:,} most "
                f"connected (limit {self.max_nodes:,}: raise it with --max-nodes, or narrow the "
                f"view with --type, --min-papers, --entity or --paper).")

    def summary(self) -> str:
        return f"wrote {self.path}: {self.nodes:,} nodes, {self.edges:,} edges ({self.seconds:.1f} s)"


@dataclass
class View:
    """A chosen part of the graph, before it is cut to size and drawn."""

    graph: object  # nx.Graph of paper and entity nodes, attributes as read_graph sets them
    title: str
    focus: tuple[str, ...] = ()
    projection: bool = False
    totals: tuple[int, int] | None = None  # nodes and edges of the whole, when graph is already cut


# --- reading the built graph ------------------------------------------------------------

def read_graph(graph: str | Path):
    """The built graph as a NetworkX graph: papers and entities as nodes, uses as edges.

    Paper nodes are ``"paper:<arXiv id>"`` with ``type="Paper"``, ``title``, ``title_zh``,
    ``url``, ``contribution``; entity nodes are ``"ent:<key>"`` with ``type``, ``label``,
    ``names`` and ``papers`` (how many papers use it). Edges carry ``proposed``.
    """
    import networkx as nx
    import pyoxigraph as ox

    from .store import load_store

    store = load_store(graph)  # in memory: reading every quad once is faster than from disk

    def pairs(predicate):
        for quad in store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None):
            yield quad.subject.value, quad.object

    kg = nx.Graph()
    _read_papers(kg, pairs)
    _read_entities(kg, pairs)
    _read_links(kg, pairs)
    for node, data in kg.nodes(data=True):
        if data["type"] != "Paper":
            data["papers"] = kg.degree(node)
    return kg


def graph_from_state(state, only: set[str] | None = None, papers_naming: dict[str, int] | None = None,
                     node_of: dict[str, str] | None = None):
    """The graph :func:`read_graph` gives, from a build's ``kg.graph.GraphState``; with
    ``only``, just those nodes and the links between them (an entity's ``papers`` still
    counts all its papers).

    A build draws its overview from what it has just merged rather than reading back
    the Turtle it wrote, which on a year of digests took longer than the drawing. The
    graph is filled through the dict-of-dicts NetworkX documents as its structure (node
    -> neighbour -> edge data, one data dict shared by both ends): on a year of digests
    add_nodes_from and add_edges_from took three times as long. Everything is added in
    sorted order, so a graph merged incrementally is laid out exactly like a fresh one.
    ``papers_naming``, each entity's number of papers, and ``node_of``, each entity's
    node, save working them out again.
    """
    import networkx as nx

    node_of = node_of or {iri: _entity_node(iri) for iri in state.entities}
    if only is None:
        papers, entities = sorted(state.papers), sorted(state.entities)
    else:  # only what is kept: on a year of digests the overview keeps a tenth of it
        papers = sorted(node[len("paper:"):] for node in only if node.startswith("paper:"))
        entities = sorted(iri for iri, node in node_of.items() if node in only)
    kg = nx.Graph()
    nodes, adjacency = kg._node, kg._adj
    for arxiv_id in papers:
        paper = state.papers[arxiv_id]
        node = f"paper:{arxiv_id}"
        nodes[node] = {"type": "Paper", "arxiv_id": arxiv_id, "title": paper.title,
                       "title_zh": paper.title_zh, "url": f"https://arxiv.org/abs/{arxiv_id}",
                       "contribution": paper.contribution}
        adjacency[node] = {}
    if papers_naming is None:
        papers_naming = Counter(iri for arxiv_id in state.papers for iri in state.links.get(arxiv_id, ()))
    for iri in entities:
        entity = state.entities[iri]
        names = sorted({entity.pref_label, *entity.labels}, key=lambda name: (name != entity.pref_label, name))
        nodes[node_of[iri]] = {"type": entity.type, "iri": iri, "label": entity.pref_label, "names": names,
                               "papers": papers_naming[iri]}
        adjacency[node_of[iri]] = {}
    for arxiv_id in papers:
        paper = f"paper:{arxiv_id}"
        for iri, (_, proposals) in sorted(state.links.get(arxiv_id, {}).items()):
            entity = node_of[iri]
            if entity in nodes:
                adjacency[paper][entity] = adjacency[entity][paper] = {"proposed": proposals > 0}
    return kg


def overview_of_state(state, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[object, View]:
    """The overview of a build's merged state, cut to ``max_nodes``, without a NetworkX
    graph of all of it (on a year of digests that took longer than drawing the page).

    Gives the same view as :func:`overview` and :func:`limit` on :func:`graph_from_state`:
    the kept nodes are chosen from the state's links and its papers per entity, asking
    only the nodes the choice reaches for their neighbours, and the graph handed on holds
    them and, for each kept entity, the papers its tooltip lists.
    """
    import heapq

    papers_of, links = state.papers_of, state.links
    node_of = {iri: _entity_node(iri) for iri in state.entities}
    iri_of = {node: iri for iri, node in node_of.items()}
    naming = {iri: len(papers_of.get(iri, ())) for iri in state.entities}
    degree = {f"paper:{arxiv_id}": len(links.get(arxiv_id, ())) for arxiv_id in state.papers}
    degree.update((node_of[iri], count) for iri, count in naming.items())

    def neighbours(node: str) -> list[str]:
        if node.startswith("paper:"):
            return [node_of[iri] for iri in links.get(node[len("paper:"):], ())]
        return [f"paper:{arxiv_id}" for arxiv_id in papers_of.get(iri_of[node], ())]

    kept = most_connected(_Asked(neighbours), degree, (), max_nodes)
    listed = {f"paper:{arxiv_id}" for node in kept if node in iri_of
              for arxiv_id in heapq.nlargest(_TOOLTIP_PAPERS, papers_of.get(iri_of[node], ()))}
    kg = graph_from_state(state, kept | listed, naming, node_of)
    title = f"Overview: {len(state.papers):,} papers, {len(state.entities):,} entities"
    return kg, View(_subgraph(kg, kept), title, totals=(len(degree), sum(naming.values())))


class _Asked:
    """A mapping whose values are worked out when asked for."""

    def __init__(self, work_out: Callable[[str], list[str]]):
        self.work_out = work_out

    def __getitem__(self, key: str) -> list[str]:
        return self.work_out(key)


def _subgraph(graph, kept: set[str]):
    """``graph.subgraph(kept).copy()``, built as that copy is (same order of nodes and
    neighbours, one data dict for both ends of an edge) without NetworkX's filtered views,
    which took three times as long."""
    import networkx as nx

    sub = nx.Graph()
    nodes, adjacency = sub._node, sub._adj
    for node, data in graph._node.items():
        if node in kept:
            nodes[node], adjacency[node] = data.copy(), {}
    for a, around in graph._adj.items():
        if a in kept:
            for b, data in around.items():
                if b in kept:
                    shared = adjacency[a].get(b, {})
                    shared.update(data)
                    adjacency[a][b] = adjacency[b][a] = shared
    return sub


def _read_papers(kg, pairs) -> None:
    from .namespaces import DCTERMS, KG, SDO

    for iri, arxiv_id in pairs(KG.arxivId):
        kg.add_node(_paper_node(iri), type="Paper", arxiv_id=arxiv_id.value, title="", title_zh="",
                    url="", contribution="")
    for iri, title in pairs(DCTERMS.title):
        node = _paper_node(iri)
        if node in kg:
            key = "title_zh" if (title.language or "").startswith("zh") else "title"
            if not kg.nodes[node][key]:
                kg.nodes[node][key] = title.value
    for prop, key in ((SDO.url, "url"), (KG.contribution, "contribution")):
        for iri, value in pairs(prop):
            node = _paper_node(iri)
            if node in kg and not kg.nodes[node][key]:
                kg.nodes[node][key] = value.value


def _read_entities(kg, pairs) -> None:
    from .namespaces import KG, RDF, SKOS

    types = {str(KG[name]): name for name in ENTITY_TYPES}
    for iri, cls in pairs(RDF.type):
        if cls.value in types:
            kg.add_node(_entity_node(iri), type=types[cls.value], iri=iri, label="", names=[])
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for iri, label in pairs(prop):
            node = _entity_node(iri)
            if node in kg and kg.nodes[node]["type"] != "Paper":
                data = kg.nodes[node]
                if prop == SKOS.prefLabel and not data["label"]:
                    data["label"] = label.value
                if label.value not in data["names"]:
                    data["names"].append(label.value)
    for node, data in kg.nodes(data=True):
        if data["type"] != "Paper":
            data["label"] = data["label"] or node.removeprefix("ent:")
            data["names"].sort(key=lambda name: (name != data["label"], name))


def _read_links(kg, pairs) -> None:
    from .namespaces import KG

    for name in _LINKS:
        for iri, entity in pairs(KG[name]):
            paper, target = _paper_node(iri), _entity_node(entity.value)
            if paper in kg and target in kg:
                if not kg.has_edge(paper, target):
                    kg.add_edge(paper, target, proposed=False)
                if name == "proposes":
                    kg.edges[paper, target]["proposed"] = True


def _paper_node(iri: str) -> str:
    return "paper:" + iri.rsplit("/", 1)[-1]


def _entity_node(iri: str) -> str:
    return "ent:" + iri.rsplit("/", 1)[-1]


def is_paper(kg, node: str) -> bool:
    return kg.nodes[node]["type"] == "Paper"


def paper_count(kg) -> int:
    return sum(1 for _, kind in kg.nodes(data="type") if kind == "Paper")


# --- choosing what a view shows ----------------------------------------------------------

def overview(kg, *, types=(), min_papers: int = 1) -> View:
    """All papers and the entities that pass the filters."""
    entities = {n for n in kg if _passes(kg, n, types, min_papers)}
    # a paper stays unless every entity it has is filtered out: then it says nothing here
    keep = [n for n in kg if n in entities or is_paper(kg, n) and (
        kg.degree(n) == 0 or not entities.isdisjoint(kg[n]))]
    view = kg if len(keep) == len(kg) else kg.subgraph(keep).copy()  # views never change kg
    papers = sum(1 for n in view if is_paper(kg, n))
    return View(view, f"Overview: {papers:,} papers, {len(view) - papers:,} entities")


def entity_view(kg, name: str, *, types=(), min_papers: int = 1) -> View:
    """An entity found by any of its names, its papers, and their other entities."""
    entity = find_entity(kg, name)
    papers = list(kg[entity])
    keep = {entity, *papers}
    keep.update(e for p in papers for e in kg[p] if _passes(kg, e, types, min_papers))
    label = kg.nodes[entity]["label"]
    return View(kg.subgraph(keep).copy(), f"{kg.nodes[entity]['type']}: {label} "
                                          f"({len(papers):,} papers)", focus=(entity,))


def paper_view(kg, arxiv_id: str, *, types=(), min_papers: int = 1,
               related: int = RELATED_PAPERS, graph: str | Path | None = None) -> View:
    """A paper, its entities, and its most related papers joined by what they share."""
    paper = find_paper(kg, arxiv_id)
    entities = {e for e in kg[paper] if _passes(kg, e, types, min_papers)}
    view = kg.subgraph({paper, *entities}).copy()
    for other, _score in related_papers(kg, paper, related, graph=graph):
        view.add_node(other, **kg.nodes[other])
        for shared in entities & set(kg[other]):
            view.add_edge(other, shared, **kg.edges[other, shared])
    data = kg.nodes[paper]
    return View(view, f"Paper {data['arxiv_id']}: {data['title'] or data['title_zh']}", focus=(paper,))


def _passes(kg, node: str, types, min_papers: int) -> bool:
    data = kg.nodes[node]
    return ((not types or data["type"] in types) and data["type"] != "Paper"
            and data["papers"] >= min_papers)


def find_entity(kg, name: str) -> str:
    """The entity node named ``name`` by any label (or key); the most used when several."""
    wanted = name.strip().casefold()
    found = [n for n, data in kg.nodes(data=True) if data["type"] != "Paper"
             and (wanted in (label.casefold() for label in data["names"])
                  or wanted == n.removeprefix("ent:").casefold())]
    if not found:
        raise InputError(f"no entity named {name!r}{_suggest(kg, wanted)}")
    return max(found, key=lambda n: (kg.nodes[n]["label"].casefold() == wanted, kg.degree(n), n))


def _suggest(kg, wanted: str) -> str:
    import difflib

    labels = {label.casefold(): label for n, data in kg.nodes(data=True)
              if data["type"] != "Paper" for label in data["names"]}
    close = difflib.get_close_matches(wanted, labels, n=5, cutoff=0.75)
    return f" (did you mean: {', '.join(labels[c] for c in close)}?)" if close else ""


def find_paper(kg, arxiv_id: str) -> str:
    """The paper node of an arXiv id, given bare, versioned, with ``arXiv:`` or as a URL."""
    match = re.search(r"(\d{4}\.\d{4,5})", arxiv_id)
    node = f"paper:{match.group(1)}" if match else None
    if node is None or node not in kg:
        raise InputError(f"no paper with arXiv id {arxiv_id!r} in this graph")
    return node


def related_papers(kg, paper: str, count: int = RELATED_PAPERS, *,
                   graph: str | Path | None = None) -> list[tuple[str, float]]:
    """The ``count`` papers sharing most with ``paper``, shared entities weighted by rarity.

    Uses ``kg.related`` when the project has it; otherwise each shared entity counts
    log(papers / papers using it), so a shared rare data set outweighs a shared "LLM".
    """
    if count <= 0:
        return []
    found = _related_from_module(kg, paper, count, graph)
    if found is not None:
        return found
    total = paper_count(kg)
    scores: Counter = Counter()
    for entity in kg[paper]:
        weight = math.log(total / kg.degree(entity))
        if weight > 0:
            for other in kg[entity]:
                if other != paper:
                    scores[other] += weight
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:count]


def _related_from_module(kg, paper: str, count: int, graph) -> list[tuple[str, float]] | None:
    """kg.related's ranking (the one ``kg related`` prints), or None to rank here: when
    the module is missing, there is no graph file to ask, or it cannot answer."""
    if graph is None:
        return None
    try:
        from .related import related_papers as ranked
    except ImportError:
        return None
    try:
        rows = ranked(kg.nodes[paper]["arxiv_id"], graph=graph, limit=count)
    except (KgError, TypeError, AttributeError):
        return None
    found = [(f"paper:{row.paper.arxiv_id}", float(row.score)) for row in rows]
    return [(node, score) for node, score in found if node in kg and node != paper]


def project(kg, view: View, types=PROJECTION_TYPES) -> View:
    """The papers of ``view`` joined by the entities of ``types`` they share, weighted.

    An edge's weight sums log(papers / papers using it) over the shared entities, and
    each paper keeps only its strongest links, so the drawing shows structure, not a mesh.
    """
    import networkx as nx

    total = paper_count(kg)
    papers = [n for n in view.graph if is_paper(kg, n)]
    weights: Counter = Counter()
    shared: dict[tuple[str, str], list[str]] = {}
    for entity in sorted(n for n in view.graph if not is_paper(kg, n) and kg.nodes[n]["type"] in types):
        users = sorted(n for n in view.graph[entity])
        if len(users) < 2 or kg.degree(entity) > _COMMON_ENTITY:
            continue
        weight = math.log(total / kg.degree(entity))
        for i, a in enumerate(users):
            for b in users[i + 1:]:
                weights[a, b] += weight
                shared.setdefault((a, b), []).append(kg.nodes[entity]["label"])
    projected = nx.Graph()
    projected.add_nodes_from((p, kg.nodes[p]) for p in papers)
    for a, b in _strongest(weights, _PROJECTION_DEGREE):
        projected.add_edge(a, b, weight=weights[a, b], shared=shared[a, b])
    names = " / ".join(t.lower() + "s" for t in types)
    return View(projected, f"Papers linked by shared {names} ({len(papers):,} papers)",
                focus=view.focus, projection=True)


def _strongest(weights: Counter, per_node: int) -> set[tuple[str, str]]:
    """Each node's ``per_node`` heaviest edges (an edge stays if either end keeps it)."""
    by_node: dict[str, list] = {}
    for (a, b), weight in weights.items():
        by_node.setdefault(a, []).append((-weight, b, (a, b)))
        by_node.setdefault(b, []).append((-weight, a, (a, b)))
    return {pair for edges in by_node.values() for _, _, pair in sorted(edges)[:per_node]}


def limit(view: View, max_nodes: int):
    """``view``'s graph cut to ``max_nodes`` nodes: the most connected part of it (see
    :func:`most_connected`)."""
    graph = view.graph
    if len(graph) <= max_nodes:
        return graph
    kept = most_connected(graph.adj, dict(graph.degree()), view.focus, max_nodes)
    return graph.subgraph(kept).copy()


def most_connected(neighbours, degree: dict[str, int], focus, max_nodes: int) -> set[str]:
    """``max_nodes`` nodes of a graph given as ``neighbours[node]``: the part grown from the
    focus (or the best-connected node) by always taking the best-connected neighbour next,
    so what is kept is connected around the hubs rather than hubs left floating without
    the papers that join them. Ties go by name, so the order of neighbours never matters."""
    import heapq

    if len(degree) <= max_nodes:
        return set(degree)
    kept: set[str] = set()
    ranked = [(-d, n) for n, d in degree.items()]  # a heap: most pieces need only its top
    heapq.heapify(ranked)
    queue = [(-degree[n] - len(degree), n) for n in focus if n in degree]  # focus first
    queued = {node for _, node in queue}  # a node's place in the queue never changes: once is enough
    while len(kept) < max_nodes:
        if not queue:  # this piece is all kept: start the next from its best-connected node
            while ranked[0][1] in kept:
                heapq.heappop(ranked)
            queue.append(heapq.heappop(ranked))
        _, node = heapq.heappop(queue)
        if node in kept:
            continue
        kept.add(node)
        for neighbour in neighbours[node]:
            if neighbour not in queued:
                queued.add(neighbour)
                heapq.heappush(queue, (-degree[neighbour], neighbour))
    return kept


def choose(kg, *, entity: str | None = None, paper: str | None = None, types=(),
           min_papers: int = 1, projection: bool = False, related: int = RELATED_PAPERS,
           graph: str | Path | None = None) -> View:
    """The view that the options of ``kg view`` describe."""
    types = tuple(_type_name(t) for t in types)
    if entity and paper:
        raise InputError("choose one focus: --entity or --paper, not both")
    if entity:
        view = entity_view(kg, entity, types=types, min_papers=min_papers)
    elif paper:
        view = paper_view(kg, paper, types=types, min_papers=min_papers, related=related, graph=graph)
    else:
        view = overview(kg, types=types, min_papers=min_papers)
    return project(kg, view, types or PROJECTION_TYPES) if projection else view


def _type_name(name: str) -> str:
    for known in ENTITY_TYPES:
        if known.casefold() == name.casefold():
            return known
    raise InputError(f"unknown entity type {name!r} (use one of {', '.join(ENTITY_TYPES)})")


# --- layout ------------------------------------------------------------------------------

_CORE = 2000          # nodes simulated from random starts; the rest start beside their neighbours
_ITERATIONS = 60
_REFINE_ITERATIONS = 25
_SAMPLE = 300         # nodes each node is pushed by, per round: past this, repulsion is sampled
_SPACING = 70.0       # pixels: the side of the square each node of a large view gets


def layout(graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Canvas positions (pixels) for every node, computed here so the page needs no physics.

    Each connected piece is laid out on its own by a Fruchterman-Reingold simulation,
    and the pieces are packed in rows, largest first (one simulation for all would push
    small pieces to the far edges). Each round every node is pushed by a random sample
    of ``_SAMPLE`` others, the force scaled up to stand for all (drawings look the same as
    with every pair, at a fifth of the time for 2,000 nodes; sixty rounds of 300 draw the
    corpus and seed overviews as eighty rounds of 400 did, in half the time). A piece of more than
    ``_CORE`` nodes is simulated for its ``_CORE`` most connected nodes; the others start
    beside their placed neighbours and all are then refined, so the cost grows linearly.
    (networkx's spring_layout needs SciPy past 500 nodes and its dense fallback needs
    gigabytes at 10,000.)
    """
    import networkx as nx
    import numpy as np

    rng = np.random.default_rng(seed)
    pieces = sorted((sorted(c, key=lambda n: (-graph.degree(n), n)) for c in nx.connected_components(graph)),
                    key=lambda nodes: (-len(nodes), nodes[0]))
    spacing = _spacing(graph)
    placed = [(nodes, _piece_layout(graph, nodes, spacing, rng)) for nodes in pieces]
    positions = {}
    for nodes, pos in _pack(graph, placed, spacing):
        positions.update((n, (round(float(x), 1), round(float(y), 1))) for n, (x, y) in zip(nodes, pos))
    return positions


def _piece_layout(graph, nodes: list[str], spacing: float, rng):
    """Pixel positions of one connected piece, its nodes given most connected first."""
    import numpy as np

    if len(nodes) == 1:
        return np.zeros((1, 2))
    index = {n: i for i, n in enumerate(nodes)}
    core = min(len(nodes), _CORE)
    pos = np.zeros((len(nodes), 2))
    pos[:core] = _simulate(rng.random((core, 2)), _edges(graph, nodes[:core], index), _ITERATIONS, 0.1, rng,
                           sample=_SAMPLE)
    if core < len(nodes):
        _place_rest(graph, nodes, index, pos, core, rng)
        pos = _simulate(pos, _edges(graph, nodes, index), _REFINE_ITERATIONS, 0.02, rng, sample=_SAMPLE)
    return _fit(pos, spacing * math.sqrt(len(nodes)))


def _edges(graph, nodes: list[str], index: dict[str, int]):
    import numpy as np

    # each edge once, from its end listed first (a subgraph view's edges took longer than the simulation)
    adjacency, count = graph._adj, len(nodes)
    pairs = [(i, j) for i, a in enumerate(nodes) for b in adjacency[a] if i < (j := index.get(b, -1)) < count]
    return np.array(pairs, dtype=int).reshape(-1, 2)


def _simulate(pos, edges, iterations: int, temperature: float, rng, sample: int | None = None):
    """Fruchterman-Reingold in the unit square: linked nodes pull (distance²/k), all push
    (k²/distance). With ``sample``, each round a node is pushed by that many random nodes,
    the force scaled up to stand for all of them."""
    import numpy as np

    n = len(pos)
    k2 = 1.0 / n
    cool = temperature / (iterations + 1)
    for _ in range(iterations):
        pushers = pos if sample is None or sample >= n else pos[rng.choice(n, sample, replace=False)]
        move = _repulsion(pos.astype(np.float32), pushers.astype(np.float32), k2 * n / len(pushers))
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            pull = delta * (np.sqrt((delta ** 2).sum(axis=1)) / math.sqrt(k2))[:, None]
            for axis in (0, 1):  # (bincount sums by node ten times faster than ufunc.at)
                move[:, axis] += (np.bincount(edges[:, 1], pull[:, axis], n)
                                  - np.bincount(edges[:, 0], pull[:, axis], n))
        length = np.maximum(np.sqrt((move ** 2).sum(axis=1)), 1e-9)
        pos = pos + move * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cool
    return pos


def _repulsion(pos, pushers, k2: float):
    """How far every node is pushed by the ``pushers``: force k²/distance, summed in blocks
    of rows (float32: this is where the layout spends its time).

    The squared distances come from |a|² + |b|² - 2a·b and the sums of force times offset
    from two matrix products, half the passes over each block that offsets in x and y
    take. Positions are centred first so that the subtraction loses little."""
    import numpy as np

    centre = pushers.mean(axis=0)
    pos, pushers = pos - centre, pushers - centre
    squares, pusher_squares = (pos * pos).sum(axis=1), (pushers * pushers).sum(axis=1)
    minus_twice = -2 * pushers.T
    move = np.empty(pos.shape, dtype=float)
    block = max(1, 200_000 // len(pushers))  # (a block's arrays then fit in the CPU cache: four times faster)
    for start in range(0, len(pos), block):
        rows = pos[start:start + block]
        force = rows @ minus_twice
        force += squares[start:start + block, None]
        force += pusher_squares[None, :]
        np.maximum(force, 1e-6, out=force)
        np.divide(k2, force, out=force)
        move[start:start + block] = rows * force.sum(axis=1)[:, None] - force @ pushers
    return move


def _place_rest(graph, nodes, index, pos, core: int, rng) -> None:
    """Set each node beyond the core near its placed neighbours, nearest the core first."""
    import numpy as np

    placed = np.zeros(len(nodes), dtype=bool)
    placed[:core] = True
    step = math.sqrt(1.0 / core) * 0.6
    frontier, seen = nodes[:core], set(nodes[:core])
    while frontier:
        following = []
        for node in frontier:
            for m in sorted(graph[node], key=lambda m: (-graph.degree(m), m)):
                if m in seen:
                    continue
                seen.add(m)
                following.append(m)
                near = [index[o] for o in graph[m] if placed[index[o]]]
                # Weighted towards the least connected neighbours: a paper belongs beside its
                # rare data set, not midway between every hub it also names.
                weights = np.array([1.0 / graph.degree(nodes[i]) ** 2 for i in near])
                angle, radius = rng.random() * 2 * math.pi, step * (0.5 + rng.random())
                pos[index[m]] = (weights @ pos[near]) / weights.sum() + radius * np.array(
                    [math.cos(angle), math.sin(angle)])
                placed[index[m]] = True
        frontier = following


def _fit(pos, side: float):
    """Positions scaled so that the drawing is about ``side`` pixels wide, outliers drawn in.

    Around hubs that half the nodes link to, a simulation packs most nodes into a ball
    and leaves a few far out; past the 90th percentile, distances from the centre are
    compressed (r ↦ r90·(r/r90)^0.3) so the ball is not shrunk to a dot to fit them.
    """
    import numpy as np

    centre = np.median(pos, axis=0)
    offset = pos - centre
    radius = np.sqrt((offset ** 2).sum(axis=1))
    r90 = max(float(np.percentile(radius, 90)), 1e-9)
    far = radius > r90
    offset[far] *= ((r90 * (radius[far] / r90) ** 0.3) / radius[far])[:, None]
    pos = offset * (side / max(float((offset.max(axis=0) - offset.min(axis=0)).max()), 1e-9))
    return pos - pos.min(axis=0)


def _spacing(graph) -> float:
    """Pixels of room per node: more for long labels, and more in small views, whose
    labels are drawn larger."""
    widths = [_label_width(_node_label(data)) for _, data in graph.nodes(data=True)]
    room = max(_SPACING, 0.45 * sum(widths) / max(len(widths), 1))
    return room + 110.0 / (1 + len(graph) / 40)


def _pack(graph, pieces, spacing: float):
    """Pieces moved into rows, left to right, each row as wide as the largest piece needs."""
    import numpy as np

    gap = spacing / 2
    # A piece's box holds its nodes and half its longest label on either side.
    margins = [max(_label_width(_node_label(graph.nodes[n])) for n in nodes) / 2 for nodes, _ in pieces]
    sizes = [pos.max(axis=0) + [2 * margin, 0] for (_, pos), margin in zip(pieces, margins)]
    area = sum((w + gap) * (h + gap) for w, h in sizes)
    width = max(max(w for w, _ in sizes), math.sqrt(area) * 1.2)
    x = y = row_height = 0.0
    for (nodes, pos), (w, h), margin in zip(pieces, sizes, margins):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        yield nodes, pos + np.array([x + margin, y])
        x += w + gap
        row_height = max(row_height, h)


def _label_width(label: str) -> float:
    """Roughly how wide a label is drawn, in pixels: wide CJK characters count double."""
    return 7.0 * len(label) + 6.0 * len(_WIDE.findall(label))


_WIDE = re.compile("[\u2e80-\U0010ffff]")


# --- the page ----------------------------------------------------------------------------

def page_data(kg, view: View, graph, positions: dict, notice: str | None) -> dict:
    """Everything the page shows, as JSON-ready data: nodes, edges, tooltips, legend."""
    data_of = dict(graph.nodes(data=True))  # (a NodeView's lookups cost more than drawing needs)
    degree = dict(graph.degree())
    order = sorted(graph, key=lambda n: (n not in view.focus, -degree[n], n))
    index = {n: i for i, n in enumerate(order)}
    types_present = {data["type"] for data in data_of.values()}
    type_names = [t for t in TYPE_STYLE if t in types_present]
    type_index = {t: i for i, t in enumerate(type_names)}
    nodes, info = [], []
    for node in order:
        data = data_of[node]
        x, y = positions[node]
        item = {"t": type_index[data["type"]], "l": _node_label(data), "x": x, "y": y,
                "v": _node_value(data, view.projection, degree[node])}
        if node in view.focus:
            item["f"] = 1
        nodes.append(item)
        info.append(_paper_info(data) if data["type"] == "Paper" else _entity_info(kg, node))
    edges, shared = [], []
    # each edge from its earlier node, so the page does not depend on the order links were read in
    ends = [(*sorted((a, b), key=index.__getitem__), data) for a, b, data in graph.edges(data=True)]
    for a, b, data in sorted(ends, key=lambda e: (index[e[0]], index[e[1]])):
        if view.projection:
            edges.append([index[a], index[b], round(data["weight"], 2)])
            shared.append(data["shared"])
        else:
            edges.append([index[a], index[b], 1 if data.get("proposed") else 0])
    return {
        "title": view.title, "notice": notice, "projection": view.projection,
        "font": FONT_STACK,
        "types": [{"name": t, "color": TYPE_STYLE[t][0], "shape": TYPE_STYLE[t][1],
                   "count": sum(1 for data in data_of.values() if data["type"] == t)} for t in type_names],
        "nodes": nodes, "info": info, "edges": edges, "shared": shared,
    }


def _node_label(data: dict) -> str:
    if data["type"] != "Paper":
        return data["label"]
    title = data["title"] or data["title_zh"] or data["arxiv_id"]
    return title if len(title) <= _PAPER_LABEL else title[:_PAPER_LABEL - 1].rstrip() + "…"


def _node_value(data: dict, projection: bool, degree: int) -> float:
    """Node size: an entity grows with its papers; a paper in a projection with its links."""
    if data["type"] == "Paper":
        return round(math.sqrt(1 + degree), 2) if projection else 1.0
    return round(data["papers"] ** 0.4, 2)  # between sqrt and log: hubs stand out, not alone


def _paper_info(data: dict) -> dict:
    return {"id": data["arxiv_id"], "en": data["title"], "zh": data["title_zh"],
            "url": data["url"], "c": data["contribution"]}


def _entity_info(kg, node: str) -> dict:
    data, nodes = kg.nodes[node], kg._node  # (the node data dicts, not a NodeView lookup per paper)
    papers = sorted(kg[node], key=lambda p: nodes[p]["arxiv_id"], reverse=True)
    return {"names": data["names"], "n": data["papers"],
            "p": [[nodes[p]["arxiv_id"], nodes[p]["title"] or nodes[p]["title_zh"]] for p in papers[:_TOOLTIP_PAPERS]]}


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no character can end the element.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes (so ``</script>`` and ``<!--``
    cannot appear), and so do U+2028/U+2029, which older JavaScript reads as line breaks.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def vis_network_js() -> str:
    """vis-network's script, read from the copy pyvis installs (Apache-2.0 or MIT, its
    licence header kept), so every page carries it and needs no CDN."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise KgError("pyvis is not installed, and views need the vis-network script it ships")
    folder = Path(list(spec.submodule_search_locations)[0]) / "lib"
    scripts = sorted(folder.glob("vis-*/vis-network.min.js"), key=lambda p: _version(p.parent.name))
    if not scripts:
        raise KgError(f"vis-network is missing from pyvis's folder {folder}")
    # Inside a <script>, "</script" would end it early and "<!--" would change how the rest
    # is read; in JavaScript either can only sit in a string, where "\/" and "\!" mean "/", "!".
    text = scripts[-1].read_text(encoding="utf-8")
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name))


def render_html(data: dict) -> str:
    """The whole page: our template with the style, data, vis-network and our script inlined."""
    scripts = {"VIS_JS": vis_network_js(), "APP_JS": (_ASSETS / "view.js").read_text(encoding="utf-8")}
    # Only scripts whose hashes are listed may run: an injected inline script or handler cannot.
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in scripts.values())
    values = {
        "CSP": (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
                "base-uri 'none'; form-action 'none'"),
        "TITLE": _html_text(data["title"]),
        "STYLE": (_ASSETS / "view.css").read_text(encoding="utf-8").replace("FONT_STACK", FONT_STACK),
        "NODE_COUNT": str(len(data["nodes"])),
        "DATA": script_json(data),
        **scripts,
    }
    template = (_ASSETS / "view.html").read_text(encoding="utf-8")
    # One pass: text put in for one placeholder is never searched for another.
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], template)


def _html_text(text: str) -> str:
    import html

    return html.escape(text, quote=True)


# --- the entry points ----------------------------------------------------------------------

def write_view(graph: str | Path, out_html: str | Path, *, entity: str | None = None,
               paper: str | None = None, types=(), min_papers: int = 1, projection: bool = False,
               max_nodes: int = DEFAULT_MAX_NODES, related: int = RELATED_PAPERS, kg=None) -> ViewStats:
    """Write one interactive view of ``graph`` (a build folder or graph file) to ``out_html``.

    ``kg``, a graph from :func:`read_graph`, saves reading ``graph`` again when several
    views are written from one graph.
    """
    start = time.perf_counter()
    kg = read_graph(graph) if kg is None else kg
    view = choose(kg, entity=entity, paper=paper, types=types, min_papers=min_papers,
                  projection=projection, related=related, graph=graph)
    return write_chosen(kg, view, out_html, max_nodes=max_nodes, start=start)


def write_chosen(kg, view: View, out_html: str | Path, *, max_nodes: int = DEFAULT_MAX_NODES,
                 start: float | None = None) -> ViewStats:
    """Cut ``view`` to ``max_nodes``, lay it out and write its page."""
    start = time.perf_counter() if start is None else start
    if max_nodes < 1:
        raise InputError("the node limit must be at least 1")
    shown = limit(view, max_nodes)
    total_nodes, total_edges = view.totals or (view.graph.number_of_nodes(), view.graph.number_of_edges())
    stats = ViewStats(Path(out_html), view.title, shown.number_of_nodes(), shown.number_of_edges(),
                      total_nodes, total_edges, max_nodes)
    data = page_data(kg, view, shown, layout(shown), stats.notice())
    _write_page(stats.path, render_html(data))
    stats.seconds = time.perf_counter() - start
    return stats


def _write_page(path: Path, text: str) -> None:
    """Write the page whole or not at all, readable like any file the user saves."""
    import os

    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8", newline="\n")
        os.replace(partial, path)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {err.strerror}") from None


def write_overview(graph: str | Path, out_html: Path, kg=None) -> ViewStats:
    """Write the overview page of a built graph (what ``kg build`` leaves as graph.html)."""
    return write_view(graph, out_html, kg=kg)


def write_state_overview(state, out_html: Path, max_nodes: int = DEFAULT_MAX_NODES) -> ViewStats:
    """Write the overview page of a build's merged state: what :func:`write_overview`
    writes for the graph built from it."""
    start = time.perf_counter()
    kg, view = overview_of_state(state, max_nodes)
    return write_chosen(kg, view, out_html, max_nodes=max_nodes, start=start)


def default_out(graph: str | Path, *, entity: str | None = None, paper: str | None = None,
                projection: bool = False) -> Path:
    """Where ``kg view`` writes when not told: beside the graph, named after the view."""
    from .store import resolve_graph

    folder = resolve_graph(graph).parent
    parts = ["view"]
    if entity:
        parts.append("entity-" + (re.sub(r"[^\w.-]+", "-", entity.strip()).strip("-") or "x"))
    if paper:
        parts.append("paper-" + (re.sub(r"[^\w.-]+", "-", paper.strip()).strip("-") or "x"))
    if projection:
        parts.append("projection")
    return folder / ("-".join(parts) + ".html")
