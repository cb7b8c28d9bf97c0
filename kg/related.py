"""Questions users ask of a built graph: related papers, papers naming an entity, entities.

Each function runs SPARQL on the graph's Oxigraph store (``kg.store.open_store``).
Text from users enters a query only as a ``VALUES`` row of Oxigraph terms, which are
written in escaped N-Triples syntax, never pasted into the query text.

The examples below expect a graph built from the seeds in ``output/`` (``kg build``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .graph import USES
from .namespaces import KG
from .records import ENTITY_TYPES
from .store import as_store, select
from .vocab import norm

# A paper names an entity through the property of the entity's type.
USES_PATH = "|".join(f"<{prop}>" for prop in USES.values())
_ARXIV_ID = re.compile(r"(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_WEIGHT_SCALE = 1000  # weights are integers so that sums, and so rankings, are exact
_MAX_CANDIDATES = 5
_SEPARATORS = r"[\s._·-]"  # as kg.vocab.norm removes them
# Characters that NFKC leaves alone and that LCASE folds as casefold() does.
_NOT_FOLDED = "[^ -~\u3400-\u4dbf\u4e00-\u9fff]"


@dataclass(frozen=True)
class Paper:
    arxiv_id: str
    title: str


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str
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
    entity: Entity  # which entity the name matched


def find_paper(text: str, *, graph="output") -> Paper:
    """The paper that an arXiv id or a fragment of its title names.

    Parameters
    ----------
    text : str
        An arXiv id (``2509.22611``, ``arXiv:2509.22611v2``) or part of a title, in
        English or Chinese, in any case. A fragment that equals a whole title wins.
    graph : str, Path or pyoxigraph.Store
        A build folder, a graph file, or an open store.

    Returns
    -------
    Paper

    Raises
    ------
    InputError
        When no paper matches, or a fragment matches several (they are listed).

    Examples
    --------
    >>> find_paper("quantile advantage").arxiv_id
    '2509.22611'
    """
    store = as_store(graph)
    text = text.strip()
    if match := _ARXIV_ID.fullmatch(text):
        if not select(store, f"ASK {{ {_bind(id=match[1])} ?paper kg:arxivId ?id }}"):
            raise InputError(f"no paper {match[1]} in the graph")
        return _papers(store, [match[1]])[0]
    if not text:
        raise InputError("name a paper by its arXiv id or a part of its title")
    found = select(store, f"""
        SELECT ?id ?title WHERE {{
          {_bind(fragment=text.lower())}
          ?paper kg:arxivId ?id ; dcterms:title ?title .
          FILTER(CONTAINS(LCASE(STR(?title)), ?fragment))
        }}""")
    exact = {row["id"] for row in found if row["title"].lower() == text.lower()}
    ids = sorted(exact or {row["id"] for row in found})
    if not ids:
        raise InputError(f"no paper's title contains {text!r}")
    if len(ids) > 1:
        raise InputError(f"{text!r} matches {len(ids)} papers: {_candidates(store, ids)}; name one by its arXiv id")
    return _papers(store, ids)[0]


def related_papers(paper: str, *, graph="output", limit: int = 10,
                   entity_type: str | None = None) -> list[RelatedPaper]:
    """Other papers ranked by the entities they share with ``paper``, rare ones first.

    A shared entity counts its inverse document frequency, log(N / n) for an entity
    that n of the graph's N papers name: sharing GRPO says more than sharing accuracy.

    Parameters
    ----------
    paper : str
        An arXiv id or a title fragment (see ``find_paper``).
    graph : str, Path or pyoxigraph.Store
        A build folder, a graph file, or an open store.
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
    """
    store = as_store(graph)
    target = find_paper(paper, graph=store)
    entities = {e.iri: e for e in _entities_of(store, target.arxiv_id, _type_iri(entity_type))}
    total = int(select(store, "SELECT (COUNT(?paper) AS ?n) WHERE { ?paper a kg:Paper }")[0]["n"])
    weights = {iri: round(_WEIGHT_SCALE * math.log(total / e.papers)) for iri, e in entities.items()}
    if not weights:
        return []
    import pyoxigraph

    rows = [(pyoxigraph.NamedNode(iri), pyoxigraph.Literal(w)) for iri, w in weights.items() if w > 0]
    found = select(store, f"""
        SELECT ?id (SUM(?weight) AS ?score) (GROUP_CONCAT(STR(?entity)) AS ?shared) WHERE {{
          {_values(("entity", "weight"), rows)} {_bind(target=target.arxiv_id)}
          ?other {USES_PATH} ?entity ; kg:arxivId ?id .
          FILTER(?id != ?target)
        }} GROUP BY ?id ORDER BY DESC(?score) ?id LIMIT {int(limit)}""")
    papers = {p.arxiv_id: p for p in _papers(store, [row["id"] for row in found])}
    return [RelatedPaper(papers[row["id"]], int(row["score"]) / _WEIGHT_SCALE,
                         sorted((entities[iri] for iri in row["shared"].split()),
                                key=lambda e: (-weights[e.iri], e.label)))
            for row in found]


def papers_naming(name: str, *, graph="output") -> list[PaperNaming]:
    """The papers that name an entity, found by any of its labels.

    Labels match as in the vocabulary (``kg.vocab.norm``): case, full-width forms and
    separators (spaces, hyphens, underscores, dots) do not matter.

    Parameters
    ----------
    name : str
        A label of the entity: ``GRPO``, ``group relative policy optimization``,
        ``群体相对策略优化``.
    graph : str, Path or pyoxigraph.Store
        A build folder, a graph file, or an open store.

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
    store = as_store(graph)
    key = norm(name)
    if not key:
        raise InputError("name an entity")
    # Oxigraph cannot fold full-width forms: labels with characters beyond ASCII and
    # Chinese come back unfiltered, and every candidate is checked with norm() here.
    candidates = select(store, f"""
        SELECT DISTINCT ?entity ?label WHERE {{
          {_bind(key=key)}
          ?entity skos:prefLabel|skos:altLabel ?label .
          FILTER(REPLACE(LCASE(STR(?label)), {_literal(_SEPARATORS)}, "") = ?key
                 || REGEX(STR(?label), {_literal(_NOT_FOLDED)}))
        }}""")
    iris = sorted({row["entity"] for row in candidates if norm(row["label"]) == key})
    if not iris:
        raise InputError(f"no entity is named {name!r} in the graph")
    import pyoxigraph

    found = select(store, f"""
        SELECT ?id ?entity WHERE {{
          {_values(("entity",), [(pyoxigraph.NamedNode(iri),) for iri in iris])}
          ?paper {USES_PATH} ?entity ; kg:arxivId ?id .
        }} ORDER BY ?id ?entity""")
    entities = {e.iri: e for e in _describe_entities(store, iris)}
    papers = {p.arxiv_id: p for p in _papers(store, sorted({row["id"] for row in found}))}
    return [PaperNaming(papers[row["id"]], entities[row["entity"]]) for row in found]


def entities(*, graph="output", entity_type: str | None = None, min_papers: int = 1,
             limit: int | None = None) -> list[Entity]:
    """Entities with the number of papers that name them, most named first.

    Parameters
    ----------
    graph : str, Path or pyoxigraph.Store
        A build folder, a graph file, or an open store.
    entity_type : str, optional
        Only entities of this type (``"Method"``, ``"Model"``, ``"Dataset"`` ...).
    min_papers : int
        Only entities that at least this many papers name.
    limit : int, optional
        At most this many entities.

    Returns
    -------
    list of Entity
        Most papers first; ties by label.

    Examples
    --------
    >>> methods = entities(entity_type="Method", min_papers=2)
    >>> "GRPO" in {e.label for e in methods}
    True
    >>> all(e.papers >= 2 and e.type == "Method" for e in methods)
    True
    """
    store = as_store(graph)
    type_iri = _type_iri(entity_type)
    values = _values(("type",), [(type_iri,)]) if type_iri else ""
    found = select(store, f"""
        SELECT ?entity ?type ?label (COUNT(DISTINCT ?paper) AS ?papers) WHERE {{
          {values}
          ?paper {USES_PATH} ?entity .
          ?entity a ?type ; skos:prefLabel ?label .
        }} GROUP BY ?entity ?type ?label HAVING (COUNT(DISTINCT ?paper) >= {int(min_papers)})
        ORDER BY DESC(?papers) ?label ?entity {f"LIMIT {int(limit)}" if limit is not None else ""}""")
    return [_entity(row) for row in found]


# --- helpers -----------------------------------------------------------------------------

def _type_iri(entity_type: str | None):
    if entity_type is None:
        return None
    if entity_type not in ENTITY_TYPES:
        raise InputError(f"unknown entity type {entity_type!r} (use one of {', '.join(ENTITY_TYPES)})")
    import pyoxigraph

    return pyoxigraph.NamedNode(str(KG[entity_type]))


def _values(variables: tuple[str, ...], rows) -> str:
    """A VALUES clause of Oxigraph terms, which print as escaped N-Triples terms."""
    body = " ".join("(" + " ".join(str(t) for t in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + v for v in variables)}) {{ {body} }}"


def _literal(text: str) -> str:
    """A SPARQL string literal of ``text``, escaped."""
    import pyoxigraph

    return str(pyoxigraph.Literal(text))


def _bind(**literals) -> str:
    """A VALUES clause that binds each named variable to a literal."""
    import pyoxigraph

    return _values(tuple(literals), [tuple(pyoxigraph.Literal(v) for v in literals.values())])


def _entities_of(store, arxiv_id: str, type_iri) -> list[Entity]:
    values = _values(("type",), [(type_iri,)]) if type_iri else ""
    found = select(store, f"""
        SELECT ?entity ?type ?label (COUNT(DISTINCT ?user) AS ?papers) WHERE {{
          {values}
          {_bind(id=arxiv_id)}
          ?paper kg:arxivId ?id ; {USES_PATH} ?entity .
          ?entity a ?type ; skos:prefLabel ?label .
          ?user {USES_PATH} ?entity .
        }} GROUP BY ?entity ?type ?label""")
    return [_entity(row) for row in found]


def _describe_entities(store, iris: list[str]) -> list[Entity]:
    import pyoxigraph

    found = select(store, f"""
        SELECT ?entity ?type ?label (COUNT(DISTINCT ?paper) AS ?papers) WHERE {{
          {_values(("entity",), [(pyoxigraph.NamedNode(iri),) for iri in iris])}
          ?entity a ?type ; skos:prefLabel ?label .
          ?paper {USES_PATH} ?entity .
        }} GROUP BY ?entity ?type ?label""")
    return [_entity(row) for row in found]


def _entity(row: dict[str, str]) -> Entity:
    return Entity(row["entity"], row["label"], row["type"].rsplit("#", 1)[-1], int(row["papers"]))


def _papers(store, ids: list[str]) -> list[Paper]:
    """Papers with their English titles (or any title), in the order of ``ids``."""
    import pyoxigraph

    if not ids:
        return []
    found = select(store, f"""
        SELECT ?id ?title WHERE {{
          {_values(("id",), [(pyoxigraph.Literal(i),) for i in ids])}
          ?paper kg:arxivId ?id ; dcterms:title ?title .
        }} ORDER BY DESC(LANGMATCHES(LANG(?title), "en"))""")
    titles: dict[str, str] = {}
    for row in found:
        titles.setdefault(row["id"], row["title"])
    return [Paper(i, titles.get(i, "")) for i in ids]


def _candidates(store, ids: list[str]) -> str:
    shown = ", ".join(f"{p.arxiv_id} ({_clip(p.title)})" for p in _papers(store, ids[:_MAX_CANDIDATES]))
    more = len(ids) - _MAX_CANDIDATES
    return shown + (f" and {more} more" if more > 0 else "")


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"
