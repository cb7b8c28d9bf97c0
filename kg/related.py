"""Questions users ask of a built graph: related papers, papers naming an entity, entities.

Each function runs SPARQL on the graph's Oxigraph store (``kg.store.open_store``).
Text from users enters a query only as a ``VALUES`` row of Oxigraph terms, which are
written in escaped N-Triples syntax, never pasted into the query text.

The examples expect a graph built from the seeds in ``output/`` (``kg build``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .namespaces import KG
from .records import ENTITY_TYPES
from .store import label_index, open_store, select, title_index
from .vocab import norm

# A paper names an entity through the property of the entity's type (ontology/kg.ttl).
USES = {"Method": KG.usesMethod, "Model": KG.usesModel, "Dataset": KG.usesDataset,
        "Metric": KG.usesMetric, "Task": KG.addressesTask}
# Binding that property (rather than a path kg:usesMethod|kg:usesModel|...) lets
# Oxigraph use its indexes: ten times faster on a year of digests.
_USES_VALUES = "VALUES ?uses { " + " ".join(f"<{p}>" for p in USES.values()) + " }"
_ARXIV_ID = re.compile(r"(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_WEIGHT_SCALE = 1000  # weights are integers so that sums, and so rankings, are exact
_MAX_CANDIDATES = 5
_MAX_VALUES = 500
_SPARE = 20  # rows beyond a limit fetched to break ties at the limit


@dataclass(frozen=True)
class Paper:
    arxiv_id: str
    title: str  # English, or the only title there is


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str  # skos:prefLabel
    type: str  # an ENTITY_TYPES name
    papers: int  # how many papers name it


@dataclass
class RelatedPaper:
    paper: Paper
    score: float  # the sum of the shared entities' inverse document frequencies
    shared: list[Entity] = field(default_factory=list)  # rarest first


@dataclass(frozen=True)
class PaperNaming:
    paper: Paper
    entity: Entity  # the entity whose label matched


def find_paper(text: str, *, graph: str | Path = "output") -> Paper:
    """The paper that an arXiv id or a fragment of its title names.

    Parameters
    ----------
    text : str
        An arXiv id (``2509.22611``, ``arXiv:2509.22611v2``) or part of a title, in
        English or Chinese, in any case. A fragment that equals a whole title wins.
    graph : str or Path
        A build folder or a graph file.

    Returns
    -------
    Paper

    Raises
    ------
    InputError
        When no paper matches, or a fragment matches several (they are listed).

    Examples
    --------
    >>> find_paper("quantile advantage estimation").arxiv_id
    '2509.22611'
    """
    store = open_store(graph)
    text = text.strip()
    if match := _ARXIV_ID.fullmatch(text):
        found = _papers(store, _bind(id=match[1]))
        if not found:
            raise InputError(f"no paper {match[1]} in the graph")
        return next(iter(found.values()))
    if not text:
        raise InputError("name a paper by its arXiv id or a part of its title")
    fragment = text.casefold()
    found = [(arxiv_id, title.casefold()) for arxiv_id, title in title_index(graph) if fragment in title.casefold()]
    exact = {arxiv_id for arxiv_id, title in found if title == fragment}
    ids = sorted(exact or {arxiv_id for arxiv_id, _ in found})
    if not ids:
        raise InputError(f"no paper's title contains {text!r}")
    if len(ids) > 1:
        raise InputError(f"{text!r} matches {len(ids)} papers: {_candidates(store, ids)}; name one by its arXiv id")
    return next(iter(_papers(store, _bind(id=ids[0])).values()))


def related_papers(paper: str, *, graph: str | Path = "output", limit: int = 10,
                   entity_type: str | None = None) -> list[RelatedPaper]:
    """Other papers ranked by the entities they share with ``paper``, rare ones first.

    A shared entity adds its inverse document frequency, log(N / n) for an entity
    that n of the graph's N papers name: sharing GRPO says more than sharing accuracy.

    Parameters
    ----------
    paper : str
        An arXiv id or a title fragment (see ``find_paper``).
    graph : str or Path
        A build folder or a graph file.
    limit : int
        How many papers to return, best first.
    entity_type : str, optional
        Count only entities of this type (``"Method"``, ``"Dataset"`` ...).

    Returns
    -------
    list of RelatedPaper
        Highest score first; ties by arXiv id.

    Examples
    --------
    >>> best = related_papers("2509.22611", limit=3)
    >>> "GRPO" in {e.label for e in best[0].shared}
    True
    >>> best[0].score >= best[1].score >= best[2].score
    True
    """
    store = open_store(graph)
    target = find_paper(paper, graph=graph)
    entities, uses = _entities_of(store, target.arxiv_id, entity_type)
    total = int(select(store, "SELECT (COUNT(?paper) AS ?n) WHERE { ?paper a kg:Paper }")[0]["n"])
    weights = {iri: round(_WEIGHT_SCALE * math.log(total / e.papers)) for iri, e in entities.items()}
    rows = [(_iri(iri), _iri(uses[iri]), _literal(w)) for iri, w in weights.items() if w > 0]
    if not rows:
        return []
    weighted = _values(("entity", "uses", "weight"), rows)
    # One more than asked for: the paper itself is usually among the best.
    best = _top(store, f"""
        SELECT ?key (SUM(?weight) AS ?value) WHERE {{ {weighted} ?key ?uses ?entity }} GROUP BY ?key""",
                "SUM(?weight)", limit + 1, minimum=1)
    papers = _papers(store, _values(("paper",), [(_iri(iri),) for iri, _ in best]))
    best = [(iri, score) for iri, score in best if papers[iri].arxiv_id != target.arxiv_id][:limit]
    shared = _shared(store, [iri for iri, _ in best], weighted)
    return [RelatedPaper(papers[iri], score / _WEIGHT_SCALE,
                         sorted((entities[e] for e in shared[iri]), key=lambda e: (-weights[e.iri], e.label)))
            for iri, score in best]


def papers_naming(name: str, *, graph: str | Path = "output") -> list[PaperNaming]:
    """The papers that name an entity, found by any of its labels.

    Labels match as in the vocabulary (``kg.vocab.norm``): case, full-width forms and
    separators (spaces, hyphens, underscores, dots) do not matter.

    Parameters
    ----------
    name : str
        A label of the entity: ``GRPO``, ``group relative policy optimization``,
        ``群体相对策略优化``.
    graph : str or Path
        A build folder or a graph file.

    Returns
    -------
    list of PaperNaming
        By arXiv id; a paper appears once for each matching entity it names.

    Raises
    ------
    InputError
        When no entity has the label.

    Examples
    --------
    >>> namings = papers_naming("group-relative policy optimization")
    >>> {n.entity.label for n in namings}
    {'GRPO'}
    >>> "2509.22611" in {n.paper.arxiv_id for n in namings}
    True
    """
    iris = label_index(graph).get(norm(name), [])
    if not iris:
        raise InputError(f"no entity is named {name!r} in the graph")
    store = open_store(graph)
    described = {e.iri: e for e in _describe(store, _paper_counts(store, iris))}
    found = select(store, f"""
        SELECT ?id ?title ?entity WHERE {{
          {_values(("entity",), [(_iri(i),) for i in iris])} {_USES_VALUES}
          ?paper ?uses ?entity ; kg:arxivId ?id .
          OPTIONAL {{ ?paper dcterms:title ?title FILTER(LANGMATCHES(LANG(?title), "en")) }}
        }}""")
    return [PaperNaming(Paper(row["id"], row.get("title", "")), described[row["entity"]])
            for row in sorted(found, key=lambda row: (row["id"], row["entity"]))]


def entities(*, graph: str | Path = "output", entity_type: str | None = None, min_papers: int = 1,
             limit: int | None = None) -> list[Entity]:
    """Entities with the number of papers that name them, most named first.

    Parameters
    ----------
    graph : str or Path
        A build folder or a graph file.
    entity_type : str, optional
        Only entities of this type (``"Method"``, ``"Model"``, ``"Dataset"`` ...).
    min_papers : int
        Only entities that at least this many papers name.
    limit : int, optional
        At most this many entities.

    Returns
    -------
    list of Entity
        Most papers first; ties by IRI.

    Examples
    --------
    >>> methods = entities(entity_type="Method", min_papers=2)
    >>> "GRPO" in {e.label for e in methods}
    True
    >>> all(e.papers >= 2 and e.type == "Method" for e in methods)
    True
    """
    store = open_store(graph)
    counted = _top(store, f"""
        SELECT ?key (COUNT(?paper) AS ?value) WHERE {{ {_uses_values(entity_type)} ?paper ?uses ?key }} GROUP BY ?key""",
                   "COUNT(?paper)", limit, minimum=min_papers)
    return _describe(store, dict(counted))


# --- helpers -----------------------------------------------------------------------------

def _uses_values(entity_type: str | None) -> str:
    """VALUES of ?uses: the property that names entities of ``entity_type``, or all of them."""
    if entity_type is None:
        return _USES_VALUES
    if entity_type not in ENTITY_TYPES:
        raise InputError(f"unknown entity type {entity_type!r} (use one of {', '.join(ENTITY_TYPES)})")
    return f"VALUES ?uses {{ {_iri(str(USES[entity_type]))} }}"


def _iri(text: str) -> str:
    import pyoxigraph

    return str(pyoxigraph.NamedNode(text))


def _literal(value) -> str:
    import pyoxigraph

    return str(pyoxigraph.Literal(value))


def _values(variables: tuple[str, ...], rows) -> str:
    """A VALUES clause of terms already written in N-Triples syntax."""
    body = " ".join("(" + " ".join(row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + v for v in variables)}) {{ {body} }}"


def _bind(**literals) -> str:
    """A VALUES clause that binds each named variable to a literal, escaped."""
    return _values(tuple(literals), [tuple(_literal(v) for v in literals.values())])


def _entities_of(store, arxiv_id: str, entity_type: str | None) -> tuple[dict[str, Entity], dict[str, str]]:
    """A paper's entities, and the property by which it names each."""
    found = select(store, f"""
        SELECT ?entity ?uses ?type ?label (COUNT(?user) AS ?papers) WHERE {{
          {_bind(id=arxiv_id)} {_uses_values(entity_type)}
          ?paper kg:arxivId ?id ; ?uses ?entity .
          ?entity a ?type ; skos:prefLabel ?label .
          ?user ?uses ?entity .
        }} GROUP BY ?entity ?uses ?type ?label""")
    return {row["entity"]: _entity(row) for row in found}, {row["entity"]: row["uses"] for row in found}


def _shared(store, papers: list[str], weighted: str) -> dict[str, list[str]]:
    """Which of the entities in ``weighted`` each paper names."""
    found = select(store, f"""
        SELECT ?paper ?entity WHERE {{ {_values(("paper",), [(_iri(p),) for p in papers])} {weighted} ?paper ?uses ?entity }}""")
    shared: dict[str, list[str]] = {}
    for row in found:
        shared.setdefault(row["paper"], []).append(row["entity"])
    return shared


def _describe(store, counts: dict[str, int]) -> list[Entity]:
    """Entities with their labels and types, from their IRIs and paper counts, in that order."""
    # Oxigraph joins a long VALUES list slowly: past a few hundred, read every entity.
    listed = _values(("entity",), [(_iri(iri),) for iri in counts]) if len(counts) <= _MAX_VALUES else ""
    found = select(store, f"SELECT ?entity ?type ?label WHERE {{ {listed} ?entity a ?type ; skos:prefLabel ?label }}")
    described = {row["entity"]: _entity({**row, "papers": counts[row["entity"]]})
                 for row in found if row["entity"] in counts and _entity_type(row["type"]) in ENTITY_TYPES}
    return [described[iri] for iri in counts]


def _paper_counts(store, iris: list[str]) -> dict[str, int]:
    """How many papers name each entity."""
    types = select(store, f"""
        SELECT ?entity ?type WHERE {{ {_values(("entity",), [(_iri(iri),) for iri in iris])} ?entity a ?type }}""")
    pairs = [(_iri(row["entity"]), _iri(str(USES[_entity_type(row["type"])]))) for row in types
             if _entity_type(row["type"]) in USES]
    found = select(store, f"""
        SELECT ?entity (COUNT(?paper) AS ?papers) WHERE {{ {_values(("entity", "uses"), pairs)} ?paper ?uses ?entity }}
        GROUP BY ?entity""")
    return {row["entity"]: int(row["papers"]) for row in found}


def _top(store, grouped: str, aggregate: str, limit: int | None, minimum: int) -> list[tuple[str, int]]:
    """The (?key, ?value) rows of a grouped SELECT with the highest values of at least
    ``minimum``; ties by key.

    Oxigraph sorts by a number fast but by an IRI slowly (it must look the text up), so
    it returns the best rows by value, with some to spare, and Python breaks the ties.
    Only when ties run past the rows to spare does a second query fetch all of them.
    """
    having = f"{grouped} HAVING ({aggregate} >= {int(minimum)})"
    if limit is None:
        rows = select(store, having)
    else:
        rows = select(store, f"{having} ORDER BY DESC(?value) LIMIT {int(limit) + _SPARE}")
        if len(rows) == limit + _SPARE and int(rows[limit - 1]["value"]) == int(rows[-1]["value"]):
            rows = select(store, f"{grouped} HAVING ({aggregate} >= {int(rows[limit - 1]['value'])})")
    return sorted(((row["key"], int(row["value"])) for row in rows), key=lambda row: (-row[1], row[0]))[:limit]


def _entity(row: dict) -> Entity:
    return Entity(row["entity"], row["label"], _entity_type(row["type"]), int(row["papers"]))


def _entity_type(type_iri: str) -> str:
    return type_iri.rsplit("#", 1)[-1]


def _papers(store, values: str) -> dict[str, Paper]:
    """The papers a VALUES clause of ?id or ?paper lists, by IRI in arXiv id order."""
    found = select(store, f"""
        SELECT ?paper ?id ?title WHERE {{
          {values}
          ?paper kg:arxivId ?id ; dcterms:title ?title .
        }} ORDER BY ?id DESC(LANGMATCHES(LANG(?title), "en"))""")
    papers: dict[str, Paper] = {}
    for row in found:
        papers.setdefault(row["paper"], Paper(row["id"], row["title"]))
    return papers


def _candidates(store, ids: list[str]) -> str:
    shown = _papers(store, _values(("id",), [(_literal(i),) for i in ids[:_MAX_CANDIDATES]]))
    more = len(ids) - _MAX_CANDIDATES
    return ", ".join(f"{p.arxiv_id} ({_clip(p.title)})" for p in shown.values()) + (f" and {more} more" if more > 0 else "")


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"
