"""Build the RDF graph from read papers and linked mentions, and write it.

Triples are plain tuples of rdflib terms; serialisation is our own so that output is
sorted (same input, same bytes) and fast on a year of digests.
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

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SDO, SKOS, XSD
from rdflib.plugins.serializers.nt import _quoteLiteral

from .link import Entity, link
from .namespaces import KG, KGID, PAPER, PREFIXES
from .patterns import CJK
from .records import Mention, PaperRecord
from .vocab import Vocabulary, slug

Triple = tuple[URIRef, URIRef, URIRef | Literal]

USES = {"Method": KG.usesMethod, "Model": KG.usesModel, "Dataset": KG.usesDataset,
        "Metric": KG.usesMetric, "Task": KG.addressesTask}
_HAS_CJK = re.compile(f"[{CJK}]")


@dataclass
class FileResult:
    """What reading and extracting one file gives: the unit of work and of caching."""

    source: str
    papers: list[PaperRecord] = field(default_factory=list)
    mentions: list[list[Mention]] = field(default_factory=list)  # parallel to papers
    problems: list = field(default_factory=list)


@dataclass
class GraphStats:
    papers: int = 0
    entities: Counter = field(default_factory=Counter)
    triples: int = 0


def paper_iri(arxiv_id: str) -> URIRef:
    return PAPER[arxiv_id]


def build_triples(results: Iterable[FileResult], vocabulary: Vocabulary) -> tuple[set[Triple], GraphStats]:
    """All triples of the graph for these file results."""
    records: dict[str, list[tuple[PaperRecord, list[Mention]]]] = defaultdict(list)
    for result in results:
        for paper, mentions in zip(result.papers, result.mentions):
            records[paper.arxiv_id].append((paper, mentions))
    flat = [m for arxiv_id in sorted(records) for _, ms in sorted(records[arxiv_id], key=_order) for m in ms]
    entities, iris = link(flat, vocabulary)
    iri_of = iter(iris)
    triples: set[Triple] = set()
    used: set[str] = set()
    for arxiv_id in sorted(records):
        group = sorted(records[arxiv_id], key=_order)
        _paper_triples(arxiv_id, group, triples)
        seen: dict[str, URIRef] = {}
        for paper, mentions in group:
            source = _source_iri(paper)
            for mention in mentions:
                iri = next(iri_of)
                _link_triples(arxiv_id, mention, entities[iri], source, seen, triples)
                used.add(iri)
    stats = GraphStats(papers=len(records))
    for iri in sorted(used):
        _entity_triples(entities[iri], triples)
        stats.entities[entities[iri].type] += 1
    stats.triples = len(triples)
    return triples, stats


def _order(item: tuple[PaperRecord, list[Mention]]):
    return item[0].source, item[0].start_line


def _lang(text: str, default: str | None = None) -> Literal:
    return Literal(text, lang="zh" if _HAS_CJK.search(text) else default)


def _source_iri(paper: PaperRecord) -> URIRef:
    digest = hashlib.sha1(f"{paper.source}\0{paper.start_line}".encode()).hexdigest()[:12]
    return KGID[f"source/{paper.arxiv_id}/{digest}"]


def _paper_triples(arxiv_id: str, group: list[tuple[PaperRecord, list[Mention]]], out: set) -> None:
    iri = paper_iri(arxiv_id)
    first = group[0][0]
    out.add((iri, RDF.type, KG.Paper))
    out.add((iri, KG.arxivId, Literal(arxiv_id)))
    out.add((iri, DCTERMS.title, Literal(first.title, lang="en")))
    out.add((iri, SDO.url, URIRef(f"https://arxiv.org/abs/{arxiv_id}")))
    title_zh = next((p.title_zh for p, _ in group if p.title_zh), None)
    if title_zh:
        out.add((iri, DCTERMS.title, Literal(title_zh, lang="zh")))
    dates = sorted(p.date for p, _ in group if p.date)
    if dates:
        out.add((iri, DCTERMS.date, Literal(dates[0], datatype=XSD.date)))
    for role, prop, lang in (("abstract", DCTERMS.abstract, "zh"), ("abstract_en", DCTERMS.abstract, "en"),
                             ("contribution", KG.contribution, "zh")):
        text = next((p.section(role) for p, _ in group if p.section(role)), None)
        if text:
            out.add((iri, prop, Literal(text, lang=lang)))
    for paper, _ in group:
        source = _source_iri(paper)
        out.add((iri, PROV.wasDerivedFrom, source))
        out.add((source, RDF.type, KG.SourceRecord))
        out.add((source, KG.sourceFile, Literal(paper.source)))
        out.add((source, KG.startLine, Literal(paper.start_line)))
        out.add((source, KG.endLine, Literal(paper.end_line)))
        out.add((source, KG["format"], Literal(paper.format)))
        if paper.date:
            out.add((source, DCTERMS.date, Literal(paper.date, datatype=XSD.date)))
        for link_ in paper.links:
            out.add((source, SDO.url, URIRef(quote(link_, safe=":/?#[]@!$&'()*+,;=%~"))))


def _link_triples(arxiv_id: str, mention: Mention, entity: Entity, source: URIRef,
                  seen: dict[str, URIRef], out: set) -> None:
    paper = paper_iri(arxiv_id)
    entity_iri = URIRef(entity.iri)
    out.add((paper, USES[entity.type], entity_iri))
    if mention.proposed:
        out.add((paper, KG.proposes, entity_iri))
    if entity.iri in seen:
        return  # one evidence sentence per paper and entity: the first
    node = KGID[f"mention/{arxiv_id}/{slug(entity.iri.rsplit('/', 1)[-1])}"]
    seen[entity.iri] = node
    out.add((node, RDF.type, KG.Mention))
    out.add((node, KG.paper, paper))
    out.add((node, KG.entity, entity_iri))
    out.add((node, KG.section, Literal(mention.role)))
    out.add((node, KG.sentence, _lang(mention.sentence)))
    out.add((node, KG.surfaceForm, Literal(mention.text)))
    out.add((node, KG.rule, Literal(mention.rule)))
    out.add((node, PROV.wasDerivedFrom, source))


def _entity_triples(entity: Entity, out: set) -> None:
    iri = URIRef(entity.iri)
    out.add((iri, RDF.type, KG[entity.type]))
    out.add((iri, SKOS.prefLabel, _lang(entity.pref_label)))
    for label in entity.labels:
        out.add((iri, SKOS.altLabel, _lang(label)))


# --- writing ---------------------------------------------------------------------------------

_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_\-.]*[A-Za-z0-9_\-])?$")


def ntriples_lines(triples: Iterable[Triple]) -> list[str]:
    """Sorted N-Triples lines: the canonical form that two builds are compared by."""
    return sorted(f"{s.n3()} {p.n3()} {_nt_term(o)} .\n" for s, p, o in triples)


def _nt_term(term) -> str:
    return _quoteLiteral(term) if isinstance(term, Literal) else term.n3()


def turtle_text(triples: Iterable[Triple]) -> str:
    """Turtle with the project's prefixes, subjects and predicates in sorted order."""
    namespaces = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))

    def term(t) -> str:
        if isinstance(t, Literal):
            if t.datatype == XSD.integer:
                return str(t)
            return t.n3()
        if t == RDF.type:
            return "a"
        text = str(t)
        for ns, prefix in namespaces:
            if text.startswith(ns) and _LOCAL.match(text[len(ns):]):
                return f"{prefix}:{text[len(ns):]}"
        return t.n3()

    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())]
    for s in sorted(by_subject):
        preds = by_subject[s]
        body = []
        for p in sorted(preds, key=lambda p: (p != RDF.type, str(p))):
            objects = ", ".join(sorted(term(o) for o in preds[p]))
            body.append(f"{term(p)} {objects}")
        lines.append(f"\n{term(s)} " + " ;\n    ".join(body) + " .")
    return "\n".join(lines) + "\n"


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
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
