"""Build the RDF graph from read papers and linked mentions, and write it as Turtle.

Two steps, so that a rebuild costs what changed:

- ``compile_file`` turns one file's papers and mentions into a ``FileGraph``: Turtle
  blocks for its source records and evidence, its links and what it says about each
  entity. It depends only on that file and the vocabulary, so it is cached per file.
- ``merge`` combines FileGraphs: one node per paper (titles from its first source),
  each entity's type by vote and labels by union, and writes sorted Turtle: the same
  input gives the same bytes.

Terms are kept as Turtle strings; rdflib is for reading graphs, not for building them.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from .link import link_paper
from .namespaces import KGID, PAPER, PREFIXES
from .patterns import CJK
from .records import ENTITY_TYPES, Mention, PaperRecord, Problem
from .vocab import Vocabulary, slug

USES = {"Method": "kg:usesMethod", "Model": "kg:usesModel", "Dataset": "kg:usesDataset",
        "Metric": "kg:usesMetric", "Task": "kg:addressesTask"}
_HAS_CJK = re.compile(f"[{CJK}]")
_LOCAL_NAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_\-.]*[A-Za-z0-9_\-])?$")
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')  # what an IRI may not hold; Unicode may stay
_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))


def _escape(text: str) -> str:
    """A string's Turtle escapes; chained replaces beat ``str.translate`` on long abstracts."""
    for char, escaped in _ESCAPES:
        if char in text:
            text = text.replace(char, escaped)
    return text


_PREFIX_OF = {str(ns): p for p, ns in PREFIXES.items()}


# --- Turtle terms ------------------------------------------------------------------------

def iri(text: str) -> str:
    """An IRI as Turtle: a prefixed name where one fits, else ``<...>``."""
    # a local name has no / or #, so the namespace is everything up to the last of them
    cut = max(text.rfind("/"), text.rfind("#")) + 1
    prefix = _PREFIX_OF.get(text[:cut])
    if prefix and _LOCAL_NAME.match(text[cut:]):
        return f"{prefix}:{text[cut:]}"
    return "<" + _NOT_IN_IRI.sub(lambda m: quote(m.group()), text) + ">"


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    body = '"' + _escape(text) + '"'
    if lang:
        return f"{body}@{lang}"
    return f"{body}^^{datatype}" if datatype else body


def label(text: str) -> str:
    """A name as a literal: Chinese names tagged ``@zh``, others plain."""
    return literal(text, "zh" if _HAS_CJK.search(text) else None)


def _clean(text: str) -> str:
    return text.replace("**", "").strip()


# --- one file ------------------------------------------------------------------------------

@dataclass
class PaperFacts:
    """What a paper's own node says, as read from one source record."""

    arxiv_id: str
    order: tuple[str, int]  # (source file, start line): the first source gives the titles
    source_iri: str
    title: str
    title_zh: str | None = None
    date: str | None = None
    texts: dict[str, str] = field(default_factory=dict)  # role -> text, for abstracts


@dataclass
class EntityFacts:
    """What one paper says about an entity."""

    type: str
    surface: str
    labels: tuple[str, ...]
    vocabulary: bool


@dataclass
class FileGraph:
    source: str
    papers: list[PaperFacts] = field(default_factory=list)
    blocks: list[tuple[str, str, int]] = field(default_factory=list)  # (subject, body, triples)
    links: list[tuple[str, str, bool]] = field(default_factory=list)  # (arxiv id, entity, proposed)
    entities: list[tuple[str, EntityFacts]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def source_iri(paper: PaperRecord) -> str:
    digest = hashlib.sha1(f"{paper.source}\0{paper.start_line}".encode()).hexdigest()[:12]
    return str(KGID[f"source/{paper.arxiv_id}/{digest}"])


def compile_file(source: str, papers: list[PaperRecord], mentions: list[list[Mention]],
                 problems: list[Problem], vocabulary: Vocabulary) -> FileGraph:
    """One file's part of the graph; depends on nothing but the file and the vocabulary."""
    out = FileGraph(source, problems=list(problems))
    for paper, paper_mentions in zip(papers, mentions):
        src = source_iri(paper)
        out.papers.append(PaperFacts(
            paper.arxiv_id, (paper.source, paper.start_line), src, _clean(paper.title),
            _clean(paper.title_zh) if paper.title_zh else None, paper.date,
            {role: _clean(text) for role in ("abstract", "abstract_en", "contribution")
             if (text := paper.section(role))}))
        out.blocks.append(_source_block(paper, src))
        seen: set[str] = set()
        for mention, entity in zip(paper_mentions, link_paper(paper_mentions, vocabulary)):
            out.links.append((paper.arxiv_id, entity, mention.proposed))
            out.entities.append((entity, EntityFacts(mention.type, mention.text, mention.aliases,
                                                     mention.entity is not None)))
            if entity not in seen:  # one evidence sentence per source and entity: the first
                seen.add(entity)
                out.blocks.append(_mention_block(paper, src, mention, entity))
    return out


def _source_block(paper: PaperRecord, src: str) -> tuple[str, str, int]:
    pairs = [("a", "kg:SourceRecord"), ("kg:sourceFile", literal(paper.source)),
             ("kg:startLine", str(paper.start_line)), ("kg:endLine", str(paper.end_line)),
             ("kg:format", literal(paper.format))]
    if paper.date:
        pairs.append(("dcterms:date", literal(paper.date, datatype="xsd:date")))
    pairs += [("schema:url", iri(link)) for link in paper.links]
    return src, _body(pairs), len(set(pairs))


def _mention_block(paper: PaperRecord, src: str, mention: Mention, entity: str) -> tuple[str, str, int]:
    node = f"{src}/{slug(entity.rsplit('/', 1)[-1])}".replace("/source/", "/mention/", 1)
    pairs = [("a", "kg:Mention"), ("kg:paper", iri(str(PAPER[paper.arxiv_id]))),
             ("kg:entity", iri(entity)), ("kg:section", literal(mention.role)),
             ("kg:sentence", label(_clean(mention.sentence) or mention.text)),
             ("kg:surfaceForm", literal(mention.text)), ("kg:rule", literal(mention.rule)),
             ("prov:wasDerivedFrom", iri(src))]
    return node, _body(pairs), len(pairs)  # every predicate here has one value


def _body(pairs: list[tuple[str, str]]) -> str:
    """Predicate-object pairs as a Turtle block body, predicates grouped and sorted."""
    by_predicate: dict[str, list[str]] = defaultdict(list)
    for predicate, obj in pairs:
        by_predicate[predicate].append(obj)
    return " ;\n    ".join(f"{p} {', '.join(sorted(set(by_predicate[p])))}"
                           for p in sorted(by_predicate, key=lambda p: (p != "a", p)))


# --- all files -----------------------------------------------------------------------------

@dataclass
class GraphStats:
    papers: int = 0
    entities: Counter = field(default_factory=Counter)
    triples: int = 0


@dataclass
class Entity:
    iri: str
    type: str
    pref_label: str
    labels: list[str]


def resolve_entities(graphs: Iterable[FileGraph], vocabulary: Vocabulary) -> dict[str, Entity]:
    """Each entity's one type (by vote across papers) and all its names."""
    votes: dict[str, Counter] = defaultdict(Counter)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, set] = defaultdict(set)
    for graph in graphs:
        for entity, facts in graph.entities:
            votes[entity][facts.type] += 1
            surfaces[entity][facts.surface] += 1
            names[entity].update(facts.labels)
    entities = {}
    for entity in votes:
        term = vocabulary.terms.get(entity)
        if term:
            type_, pref = term.type, term.pref_label
            names[entity].update(text for text, _ in term.labels)
        else:
            type_ = max(ENTITY_TYPES, key=lambda t: (votes[entity][t], -ENTITY_TYPES.index(t)))
            pref = min(surfaces[entity], key=lambda s: (-surfaces[entity][s], len(s), s))
        names[entity].update(surfaces[entity])
        labels = sorted({n.strip() for n in names[entity] if n.strip()} - {pref})
        entities[entity] = Entity(entity, type_, pref, labels)
    return entities


@dataclass
class Merged:
    """The whole graph: its Turtle text and counts, and the facts views are drawn from."""

    text: str
    stats: GraphStats
    papers: dict[str, list[PaperFacts]]  # arXiv id -> facts from each source, first first
    entities: dict[str, Entity]
    links: dict[str, dict[str, bool]]  # arXiv id -> entity IRI -> proposed


def merge(graphs: list[FileGraph], vocabulary: Vocabulary) -> Merged:
    """The whole graph as sorted Turtle, with its counts."""
    graphs = sorted(graphs, key=lambda g: g.source)
    entities = resolve_entities(graphs, vocabulary)
    blocks: list[tuple[str, str, int]] = [b for g in graphs for b in g.blocks]
    papers: dict[str, list[PaperFacts]] = defaultdict(list)
    for graph in graphs:
        for facts in graph.papers:
            papers[facts.arxiv_id].append(facts)
    links: dict[str, dict[str, bool]] = defaultdict(dict)
    for graph in graphs:
        for arxiv_id, entity, proposed in graph.links:
            links[arxiv_id][entity] = links[arxiv_id].get(entity, False) or proposed
    for arxiv_id, facts in papers.items():
        facts.sort(key=lambda f: f.order)
        blocks.append(_paper_block(arxiv_id, facts, links[arxiv_id], entities))
    stats = GraphStats(papers=len(papers))
    for entity in entities.values():
        blocks.append(_entity_block(entity))
        stats.entities[entity.type] += 1
    blocks.sort(key=lambda b: b[0])
    stats.triples = sum(b[2] for b in blocks)
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    text = header + "".join(f"\n{iri(subject)} {body} .\n" for subject, body, _ in blocks)
    return Merged(text, stats, dict(papers), entities, dict(links))


def _paper_block(arxiv_id: str, facts: list[PaperFacts], links: dict[str, bool],
                 entities: dict[str, Entity]) -> tuple[str, str, int]:
    first = facts[0]
    pairs = [("a", "kg:Paper"), ("kg:arxivId", literal(arxiv_id)),
             ("dcterms:title", literal(first.title, "en")),
             ("schema:url", iri(f"https://arxiv.org/abs/{arxiv_id}"))]
    title_zh = next((f.title_zh for f in facts if f.title_zh), None)
    if title_zh:
        pairs.append(("dcterms:title", literal(title_zh, "zh")))
    dates = sorted(f.date for f in facts if f.date)
    if dates:
        pairs.append(("dcterms:date", literal(dates[0], datatype="xsd:date")))
    for role, predicate, lang in (("abstract", "dcterms:abstract", "zh"), ("abstract_en", "dcterms:abstract", "en"),
                                  ("contribution", "kg:contribution", "zh")):
        text = next((f.texts[role] for f in facts if role in f.texts), None)
        if text:
            pairs.append((predicate, literal(text, lang)))
    pairs += [("prov:wasDerivedFrom", iri(f.source_iri)) for f in facts]
    for entity, proposed in links.items():
        pairs.append((USES[entities[entity].type], iri(entity)))
        if proposed:
            pairs.append(("kg:proposes", iri(entity)))
    return str(PAPER[arxiv_id]), _body(pairs), len(set(pairs))


def _entity_block(entity: Entity) -> tuple[str, str, int]:
    pairs = [("a", f"kg:{entity.type}"), ("skos:prefLabel", label(entity.pref_label))]
    pairs += [("skos:altLabel", label(text)) for text in entity.labels]
    return entity.iri, _body(pairs), len(set(pairs))


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write a file whole or not at all: a temporary file renamed over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                handle.writelines(text)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
