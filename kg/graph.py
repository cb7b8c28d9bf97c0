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
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Callable, Iterable, NamedTuple
from urllib.parse import quote

from .link import link_paper
from .namespaces import PREFIXES
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


_PREFIX_OF = {ns: p for p, ns in PREFIXES.items()}
_KGID, _PAPER = PREFIXES["kgid"], PREFIXES["paper"]


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
    # (subject, its block as written, triples): made as bytes by compile_file, in a worker;
    # bytes pickle and unpickle as they are, text was encoded twice and decoded once more
    blocks: list[tuple[str, bytes, int]] = field(default_factory=list)
    links: list[tuple[str, str, bool]] = field(default_factory=list)  # (arxiv id, entity, proposed)
    entities: list[tuple[str, EntityFacts]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unread: bool = False  # the file could not be read: this stands for nothing it holds


def source_iri(paper: PaperRecord) -> str:
    digest = hashlib.sha1(f"{paper.source}\0{paper.start_line}".encode()).hexdigest()[:12]
    return f"{_KGID}source/{paper.arxiv_id}/{digest}"


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
        out.blocks.append(_as_written(*_source_block(paper, src)))
        seen: set[str] = set()
        for mention, entity in zip(paper_mentions, link_paper(paper_mentions, vocabulary)):
            out.links.append((paper.arxiv_id, entity, mention.proposed))
            out.entities.append((entity, EntityFacts(mention.type, mention.text, mention.aliases,
                                                     mention.entity is not None)))
            if entity not in seen:  # one evidence sentence per source and entity: the first
                seen.add(entity)
                out.blocks.append(_as_written(*_mention_block(paper, src, mention, entity)))
    return out


def _source_block(paper: PaperRecord, src: str) -> tuple[str, str, int]:
    pairs = [("a", "kg:SourceRecord"), ("kg:sourceFile", literal(paper.source)),
             ("kg:startLine", str(paper.start_line)), ("kg:endLine", str(paper.end_line)),
             ("kg:format", literal(paper.format))]
    if paper.date:
        pairs.append(("dcterms:date", literal(paper.date, datatype="xsd:date")))
    pairs += [("schema:url", iri(link)) for link in paper.links]
    return (src, *_body(pairs))


def _mention_block(paper: PaperRecord, src: str, mention: Mention, entity: str) -> tuple[str, str, int]:
    node = f"{src}/{slug(entity.rsplit('/', 1)[-1])}".replace("/source/", "/mention/", 1)
    # every predicate has one value, so the body is written in _body's order directly
    # (a year of digests has a hundred thousand of these)
    body = (f"a kg:Mention ;\n    kg:entity {_entity_iri(entity)} ;\n    kg:paper {iri(_PAPER + paper.arxiv_id)} ;"
            f"\n    kg:rule {literal(mention.rule)} ;\n    kg:section {literal(mention.role)} ;"
            f"\n    kg:sentence {label(_clean(mention.sentence) or mention.text)} ;"
            f"\n    kg:surfaceForm {literal(mention.text)} ;\n    prov:wasDerivedFrom {iri(src)}")
    return node, body, 8


def _body(pairs: list[tuple[str, str]]) -> tuple[str, int]:
    """Predicate-object pairs as a Turtle block body, predicates grouped and sorted (rdf:type
    first), and the number of triples it holds (pairs written twice are one)."""
    by_predicate: dict[str, set[str]] = {}
    for predicate, obj in pairs:
        objects = by_predicate.get(predicate)
        if objects is None:
            by_predicate[predicate] = {obj}
        else:
            objects.add(obj)
    body = " ;\n    ".join(f"{p} {', '.join(sorted(by_predicate[p]))}"
                           for p in sorted(by_predicate, key=_predicate_order))
    return body, sum(map(len, by_predicate.values()))


def _predicate_order(predicate: str) -> tuple[bool, str]:
    return predicate != "a", predicate


# --- all files -----------------------------------------------------------------------------

@dataclass
class GraphStats:
    papers: int = 0
    entities: Counter = field(default_factory=Counter)
    triples: int = 0


class Entity(NamedTuple):  # named tuples: a year's state unpickles in a third of the time dataclasses take
    iri: str
    type: str
    pref_label: str
    labels: list[str]


class PaperSummary(NamedTuple):
    """What views show of a paper."""

    title: str
    title_zh: str
    contribution: str


@dataclass
class GraphState:
    """The merged graph, kept between builds so that a rebuild merges only what changed.

    It holds every Turtle block (as UTF-8 bytes, ready to write) and the tallies that
    blocks spanning files are made from: each entity's type votes, surface forms and
    names, and each paper's links, counted per mention so a file's part can be taken
    out again. ``update`` subtracts the FileGraphs of changed or removed files, adds the
    new ones, and re-renders only the papers and entities they touch; a fresh build is
    an update of the empty state, so both ways give the same bytes.
    """

    paper_sources: dict[str, set[str]] = field(default_factory=dict)  # arXiv id -> files holding it
    # plain dicts, not Counters: a Counter pickles several times slower
    votes: dict[str, dict[str, int]] = field(default_factory=dict)  # entity -> type -> mentions
    surfaces: dict[str, dict[str, int]] = field(default_factory=dict)  # entity -> surface form -> mentions
    names: dict[str, dict[str, int]] = field(default_factory=dict)  # entity -> name -> mentions
    links: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # arXiv id -> entity -> [links, proposals]
    entities: dict[str, Entity] = field(default_factory=dict)
    papers: dict[str, PaperSummary] = field(default_factory=dict)
    blocks: dict[str, tuple[bytes, int]] = field(default_factory=dict)  # subject -> (Turtle, triples)
    # a graph file read back, not cut into blocks: (its bytes, its blocks' subjects, triples
    # and lengths, the blocks set (or dropped: None) since)
    _unread: tuple[bytes, list[tuple[str, int, int]], dict] | None = field(default=None, init=False, repr=False,
                                                                     compare=False)
    # entity -> arXiv ids of the papers linking it: what the overview is chosen from, kept
    # up to date rather than worked out from all links after every update; not saved
    papers_of: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)
    # the papers and entities whose rows updates changed since the state was read back:
    # what a journal record of them holds (see ``changes``)
    _touched: tuple[set[str], set[str]] = field(default_factory=lambda: (set(), set()), init=False, repr=False,
                                                compare=False)
    # the blocks' subjects, sorted, until a subject comes or goes: the graph file and the
    # saved state are both written in this order, and sorting a year's subjects twice
    # cost a quarter of a second after the build's last file
    _sorted: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def update(self, removed: Iterable[FileGraph], added: Iterable[FileGraph], vocabulary: Vocabulary,
               load: Callable[[str], FileGraph]) -> None:
        """Take ``removed`` out and put ``added`` in. ``load(source)`` gives the FileGraph
        merged from a file that did not change, for papers that span several files."""
        papers: set[str] = set()
        entities: set[str] = set()
        for graph in removed:
            self._count(graph, -1, papers, entities)
        by_source = {}
        for graph in added:  # counted as they come: ``added`` may be results still being made
            by_source[graph.source] = graph
            self._count(graph, 1, papers, entities)
        retyped = self._resolve(entities, vocabulary)
        if retyped:
            papers.update(p for p, targets in self.links.items() if not retyped.isdisjoint(targets))

        def graph_of(source: str) -> FileGraph:
            return by_source.get(source) or load(source)

        for arxiv_id in papers:
            self._render_paper(arxiv_id, graph_of)
        self._touched[0].update(papers)
        self._touched[1].update(entities)

    def _count(self, graph: FileGraph, sign: int, papers: set[str], entities: set[str]) -> None:
        for facts in graph.papers:
            papers.add(facts.arxiv_id)
            sources = self.paper_sources.setdefault(facts.arxiv_id, set())
            if sign > 0:
                sources.add(graph.source)
            else:
                sources.discard(graph.source)
        for subject, block, triples in graph.blocks:
            self._put_block(subject, (block, triples) if sign > 0 else None)
        for arxiv_id, entity, proposed in graph.links:
            counts = self.links.setdefault(arxiv_id, {}).setdefault(entity, [0, 0])
            counts[0] += sign
            counts[1] += sign * proposed
        for entity, facts in graph.entities:
            entities.add(entity)
            _tally(self.votes, entity, facts.type, sign)
            _tally(self.surfaces, entity, facts.surface, sign)
            for name in facts.labels:
                _tally(self.names, entity, name, sign)

    def _resolve(self, touched: set[str], vocabulary: Vocabulary) -> set[str]:
        """Each touched entity's one type (by vote across papers) and all its names; the
        entities whose type changed, appeared or went."""
        retyped = set()
        for iri in touched:
            votes = self.votes.get(iri)
            old = self.entities.get(iri)
            if not votes:
                for table in (self.votes, self.surfaces, self.names, self.entities):
                    table.pop(iri, None)
                self._put_block(iri, None)
                retyped.add(iri)
                continue
            surfaces = self.surfaces[iri]
            names = set(self.names.get(iri, ())) | set(surfaces)
            term = vocabulary.terms.get(iri)
            if term:
                type_, pref = term.type, term.pref_label
                names.update(text for text, _ in term.labels)
            else:
                type_ = max(ENTITY_TYPES, key=lambda t: (votes.get(t, 0), -ENTITY_TYPES.index(t)))
                pref = min(surfaces, key=lambda s: (-surfaces[s], len(s), s))
            labels = sorted({n.strip() for n in names if n.strip()} - {pref})
            entity = self.entities[iri] = Entity(iri, type_, pref, labels)
            subject, body, triples = _entity_block(entity)
            self._put_block(subject, (_block_bytes(subject, body), triples))
            if old is None or old.type != type_:
                retyped.add(iri)
        return retyped

    def _render_paper(self, arxiv_id: str, graph_of: Callable[[str], FileGraph]) -> None:
        subject = _PAPER + arxiv_id
        counted = self.links.get(arxiv_id, {})
        links = {e: c for e, c in counted.items() if c[0] > 0}
        sources = self.paper_sources.get(arxiv_id)
        for entity, counts in counted.items():
            if counts[0] > 0 and sources:
                self.papers_of.setdefault(entity, set()).add(arxiv_id)
            elif entity in self.papers_of:
                linking = self.papers_of[entity]
                linking.discard(arxiv_id)
                if not linking:
                    del self.papers_of[entity]
        if not sources:
            for table in (self.paper_sources, self.links, self.papers):
                table.pop(arxiv_id, None)
            self._put_block(subject, None)
            return
        self.links[arxiv_id] = links
        facts = sorted((f for source in sources for f in graph_of(source).papers if f.arxiv_id == arxiv_id),
                       key=lambda f: f.order)
        _, body, triples = _paper_block(arxiv_id, facts, self.proposed(arxiv_id), self.entities)
        self._put_block(subject, (_block_bytes(subject, body), triples))
        self.papers[arxiv_id] = PaperSummary(
            facts[0].title, next((f.title_zh for f in facts if f.title_zh), ""),
            next((f.texts["contribution"] for f in facts if "contribution" in f.texts), ""))

    def proposed(self, arxiv_id: str) -> dict[str, bool]:
        """A paper's entities, each with whether the paper proposes it."""
        return {entity: counts[1] > 0 for entity, counts in self.links.get(arxiv_id, {}).items()}

    def stats(self) -> GraphStats:
        entities = Counter(entity.type for entity in self.entities.values())
        if self._unread is None:
            return GraphStats(len(self.papers), entities, sum(triples for _, triples in self.blocks.values()))
        _, order, changes = self._unread
        triples = sum(triples for subject, triples, _ in order if subject not in changes)
        return GraphStats(len(self.papers), entities,
                          triples + sum(block[1] for block in changes.values() if block is not None))

    def turtle(self) -> list[bytes]:
        """The graph as sorted Turtle, in pieces to write one after another: each block
        is "\n<subject> <body> .\n", and no body holds an empty line."""
        if self._unread is None:
            if not self.blocks:
                return [_HEADER]
            return [_HEADER, b"\n", _BETWEEN_BLOCKS.join(self.blocks[subject][0] for subject in self._subjects()),
                    _AFTER_BLOCKS]
        # an update's few hundred stretches and blocks are written as they are, not joined
        pieces = self._spliced()
        if not pieces:
            return [_HEADER]
        framed = [_HEADER, b"\n"]
        for piece in pieces:
            framed += (piece, _BETWEEN_BLOCKS)
        framed[-1] = _AFTER_BLOCKS
        return framed

    # Pickled without its blocks, which are the graph file it wrote: saving and loading a
    # year's state took three times as long with them. ``read_blocks`` puts them back.
    # The blocks' subjects, triples and lengths are pickled as one string and two arrays,
    # and the named tuples as plain ones: a tenth of a second less of a year's update.
    def __getstate__(self) -> dict:
        saved = {name: value for name, value in self.__dict__.items()
                 if name not in ("blocks", "_unread", "_touched", "_sorted", "papers_of", "entities", "papers")}
        order = self._block_order()
        saved["block_order"] = (_SUBJECT_END.join(subject for subject, _, _ in order),
                                array("L", [triples for _, triples, _ in order]),
                                array("Q", [length for _, _, length in order]))
        saved["entities"] = list(map(tuple, self.entities.values()))
        saved["papers"] = (list(self.papers), list(map(tuple, self.papers.values())))
        return saved

    def __setstate__(self, saved: dict) -> None:
        subjects, triples, lengths = saved.pop("block_order")
        saved["block_order"] = list(zip(subjects.split(_SUBJECT_END) if subjects else [], triples, lengths))
        saved["entities"] = {entity[0]: Entity._make(entity) for entity in saved["entities"]}
        ids, summaries = saved.pop("papers")
        saved["papers"] = dict(zip(ids, map(PaperSummary._make, summaries)))
        self.__dict__.update(saved)
        self.blocks, self._unread, self._touched, self._sorted = {}, None, (set(), set()), None

    # A day's update changes a few hundred of a year's hundred thousand rows and blocks:
    # saving only those, as a record appended to a journal, takes a hundredth of the time
    # pickling the whole state takes.
    def read_back(self) -> bool:
        """Whether the state was read back from a saved one (so ``changes`` are known)."""
        return self._unread is not None

    def changes(self) -> dict:
        """What the updates since the state was read back (``read_blocks``) changed: each
        touched paper's and entity's rows (None: gone), and each changed block's triples
        and length in bytes (None: gone). ``apply`` makes them on the state as saved."""
        papers, entities = self._touched
        rows = {name: {key: getattr(self, name).get(key) for key in papers} for name in _PAPER_ROWS}
        rows.update({name: {key: getattr(self, name).get(key) for key in entities} for name in _ENTITY_ROWS})
        _, _, blocks = self._unread
        return {"rows": rows, "blocks": {subject: block and (block[1], len(block[0]))
                                         for subject, block in blocks.items()}}

    def apply(self, records: list[dict]) -> None:
        """Make the ``changes`` of one update after another on a state unpickled but not
        yet given its blocks: it is then the state those updates left."""
        blocks: dict[str, tuple[int, int] | None] = {}
        for record in records:
            for name, rows in record["rows"].items():
                table = getattr(self, name)
                for key, row in rows.items():
                    if row is None:
                        table.pop(key, None)
                    else:
                        table[key] = row
            blocks.update(record["blocks"])
        if blocks:
            order = self.__dict__["block_order"]
            kept = [entry for entry in order if entry[0] not in blocks]
            self.block_order = sorted(kept + [(subject, *block) for subject, block in blocks.items() if block])

    def read_blocks(self, turtle: bytes) -> bool:
        """Take the blocks back from the graph file this state wrote (``turtle()``'s bytes);
        false, leaving the state unusable, when the file does not fit it.

        The file is never cut into blocks: an update changes a few, which are kept aside,
        and the next file is the old one's unchanged stretches with those between them.
        (The build reads back only the file it wrote, by its size and time.) The papers
        linking each entity are worked out again here, from the links."""
        order = self.__dict__.pop("block_order", None)
        if order is None or not turtle.startswith(_HEADER):
            return False
        framing = len(_HEADER) + (1 + len(_BETWEEN_BLOCKS) * (len(order) - 1) + len(_AFTER_BLOCKS) if order else 0)
        if len(turtle) != framing + sum(length for _, _, length in order):
            return False
        self._unread = (turtle, order, {})
        self.papers_of = {}
        for arxiv_id, links in self.links.items():
            for entity in links:
                self.papers_of.setdefault(entity, set()).add(arxiv_id)
        return True

    def written(self, turtle: bytes) -> None:
        """Take the graph file this state just wrote (``turtle()``'s bytes) as read back: the
        state is then what a build reading it and that file back would have."""
        self._unread = (turtle, self._block_order(), {})
        self.blocks, self._touched, self._sorted = {}, (set(), set()), None

    def _put_block(self, subject: str, block: tuple[bytes, int] | None) -> None:
        """Set a subject's block, or drop it (None); aside while the file is unread."""
        if self._unread is not None:
            self._unread[2][subject] = block
        elif block is None:
            if self.blocks.pop(subject, None) is not None:
                self._sorted = None
        else:
            if subject not in self.blocks:
                self._sorted = None
            self.blocks[subject] = block

    def _subjects(self) -> list[str]:
        """The blocks' subjects, sorted."""
        if self._sorted is None:
            self._sorted = sorted(self.blocks)
        return self._sorted

    def _spliced(self) -> list[bytes | memoryview]:
        """The blocks of an unread file with its changes made: runs of unchanged blocks
        as views of the file, changed ones between them (a day's update changes a few
        hundred of a year's hundred thousand blocks)."""
        turtle, order, changes = self._unread
        subjects = [subject for subject, _, _ in order]
        starts = list(accumulate((length + len(_BETWEEN_BLOCKS) for _, _, length in order),
                                 initial=len(_HEADER) + 1))
        events = []  # (where in the file's order, subject, whether it replaces the block there)
        for subject in changes:
            at = bisect_left(subjects, subject)
            events.append((at, subject, at < len(subjects) and subjects[at] == subject))
        view, pieces, kept_from = memoryview(turtle), [], 0
        for at, subject, replaces in sorted(events):
            if at > kept_from:  # blocks kept_from .. at-1, with the separators between them
                pieces.append(view[starts[kept_from]:starts[at] - len(_BETWEEN_BLOCKS)])
            if changes[subject] is not None:
                pieces.append(changes[subject][0])
            kept_from = at + 1 if replaces else at
        if kept_from < len(subjects):
            pieces.append(view[starts[kept_from]:starts[-1] - len(_BETWEEN_BLOCKS)])
        return pieces

    def _block_order(self) -> list[tuple[str, int, int]]:
        """Each subject with its block's triples and length in bytes, sorted by subject
        (without cutting an unread file)."""
        if self._unread is None:
            blocks = self.blocks
            return [(subject, blocks[subject][1], len(blocks[subject][0])) for subject in self._subjects()]
        _, order, changes = self._unread
        kept = [entry for entry in order if entry[0] not in changes]
        added = [(subject, block[1], len(block[0])) for subject, block in changes.items() if block is not None]
        return sorted(kept + added) if added else kept


_SUBJECT_END = "\n"  # no IRI holds a line end
_PAPER_ROWS = ("paper_sources", "links", "papers")  # the tables keyed by arXiv id
_ENTITY_ROWS = ("votes", "surfaces", "names", "entities")  # and by entity

_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())).encode()
# Blocks are kept as "<subject> <body>" and written with these between and after them:
# the file is then one join, not a copy of every block with its framing.
_BETWEEN_BLOCKS, _AFTER_BLOCKS = b" .\n\n", b" .\n"


def merge(graphs: Iterable[FileGraph], vocabulary: Vocabulary) -> GraphState:
    """The graph of ``graphs``, merged from nothing."""
    state = GraphState()
    by_source = {graph.source: graph for graph in graphs}  # one FileGraph per file
    state.update((), by_source.values(), vocabulary, by_source.__getitem__)
    return state


def _tally(table: dict[str, dict[str, int]], key: str, value: str, sign: int) -> None:
    counts = table.setdefault(key, {})
    counts[value] = counts.get(value, 0) + sign
    if counts[value] <= 0:
        del counts[value]
        if not counts:
            del table[key]


@lru_cache(maxsize=1 << 16)
def _entity_iri(text: str) -> str:
    """An entity's IRI as Turtle: the same few thousand are written over and over."""
    return iri(text)


def _block_bytes(subject: str, body: str) -> bytes:
    return f"{iri(subject)} {body}".encode()


def _as_written(subject: str, body: str, triples: int) -> tuple[str, bytes, int]:
    return subject, _block_bytes(subject, body), triples


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
        pairs.append((USES[entities[entity].type], _entity_iri(entity)))
        if proposed:
            pairs.append(("kg:proposes", _entity_iri(entity)))
    return (_PAPER + arxiv_id, *_body(pairs))


def _entity_block(entity: Entity) -> tuple[str, str, int]:
    # what _body writes for these pairs, without its grouping and sorting of predicates:
    # a year of digests has twenty-five thousand entities
    alternatives = sorted({label(text) for text in entity.labels})
    body = (f"a kg:{entity.type} ;\n    " + (f"skos:altLabel {', '.join(alternatives)} ;\n    " if alternatives else "")
            + f"skos:prefLabel {label(entity.pref_label)}")
    return entity.iri, body, 2 + len(alternatives)


def write_atomic(path: Path, text: str | bytes | Iterable[str | bytes]) -> None:
    """Write a file whole or not at all: a temporary file renamed over the target.
    Text is written as UTF-8 with ``\\n`` line ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(text, list):
                _write_pieces(handle.fileno(), text)
            else:
                for piece in [text] if isinstance(text, (str, bytes)) else text:
                    handle.write(piece.encode() if isinstance(piece, str) else piece)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_pieces(fd: int, pieces: list[str | bytes]) -> None:
    """Write a list of pieces with as few system calls as the system allows. One write per
    piece waits for the interpreter's lock after each when another thread holds it: an
    update's graph, written while the overview is drawn, took five times as long."""
    views = [memoryview(piece.encode() if isinstance(piece, str) else piece).cast("B") for piece in pieces]
    views = [view for view in views if len(view)]
    batch, first = os.sysconf("SC_IOV_MAX"), 0
    while first < len(views):
        written = os.writev(fd, views[first:first + batch])
        while first < len(views) and written >= len(views[first]):
            written -= len(views[first])
            first += 1
        if written:  # cut short inside a piece
            views[first] = views[first][written:]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
