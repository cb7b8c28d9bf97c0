"""The vocabulary of known entities: SKOS Turtle in ``ontology/vocabulary/``.

Each concept has one type (kg:Method, kg:Model, ...), a skos:prefLabel and any number
of skos:altLabel. Concepts typed kg:NonEntity are a stop list: names that look like
entities but are not (LLM, reinforcement learning, H100 ...).
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import cache as kept
from .errors import KgError
from .namespaces import ontology_dir
from .records import ENTITY_TYPES

_PARSED_FORMAT = b"terms-v2"  # bump when Term or Vocabulary changes, so cached parses are not reused
_SEPARATORS = re.compile(r"[\s\-_.·]")


@lru_cache(maxsize=131072)
def norm(label: str) -> str:
    """The matching key of a name: case-folded, width-folded, separators removed."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", label).casefold())


def _letters(text: str) -> str:
    """``text`` as ``norm`` keys it, but in its own case."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


def _inner_capitals(text: str) -> list[bool]:
    """For each character of ``_letters(text)``: a capital that does not start a word."""
    flags, start_of_word = [], True
    for char in unicodedata.normalize("NFKC", text):
        if _SEPARATORS.fullmatch(char):
            start_of_word = True
            continue
        flags.append(char.isupper() and not start_of_word)
        start_of_word = False
    return flags


def slug(label: str) -> str:
    """IRI local name of an entity from its canonical label (``AIME 2024`` -> ``aime-2024``)."""
    text = unicodedata.normalize("NFKC", label).casefold()
    text = re.sub(r"\+", "-plus", text)
    text = re.sub(r"\*", "-star", text)  # MIT* is not MIT (the vocabulary writes RRT* as rrt-star)
    text = re.sub(r"[^a-z0-9\u4e00-\u9fff]+", "-", text).strip("-")
    return text or "x" + hashlib.sha1(label.encode()).hexdigest()[:10]


@dataclass(frozen=True)
class Term:
    iri: str
    type: str  # an ENTITY_TYPES name, or "NonEntity"
    pref_label: str
    labels: tuple[tuple[str, str | None], ...]  # (text, language), prefLabel first
    match_case: bool = False


@dataclass
class Vocabulary:
    terms: dict[str, Term] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)  # norm(label) -> iri
    fingerprint: str = ""

    def lookup(self, label: str) -> Term | None:
        iri = self.by_key.get(norm(label))
        return self.terms[iri] if iri else None

    def spelled_as(self, term: Term, label: str) -> bool:
        """Whether ``label`` (found by ``lookup``) can be ``term``. When the term's case
        must match, not with a capital inside a word where the term's spelling has a small
        letter: that is another name spelled the same (MIMO and MIMo are not the model
        MiMo, BEATS not BEATs, MoGE, Mixture of Grouped Experts, not the model MoGe, DiCE
        not Dice). Capitals starting words (Chain-of-Thought) and small letters for
        capitals (aMOTA for AMOTA) are the term's."""
        if not term.match_case:
            return True
        inner = _inner_capitals(label)
        key = norm(label)
        return any(norm(text) == key and not any(flag and char.islower() for flag, char in zip(inner, _letters(text)))
                   for text, _ in term.labels)

    def is_stopword(self, label: str) -> bool:
        term = self.lookup(label)
        return term is not None and term.type == "NonEntity"


def vocabulary_files(extra: list[Path] | None = None) -> list[Path]:
    return sorted((ontology_dir() / "vocabulary").glob("*.ttl")) + list(extra or [])


def _cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "kg"


def load_vocabulary(files: list[Path] | None = None) -> Vocabulary:
    """The vocabulary in ``files`` (default: ontology/vocabulary/*.ttl).

    Parsing Turtle takes seconds, so the parsed form is cached by the files' content,
    pickled: every build and every worker waits for it, and a pickle reads back in a
    third of the time JSON took.
    """
    files = vocabulary_files() if files is None else files
    contents = [(path, path.read_bytes()) for path in files]
    digest = hashlib.sha256(_PARSED_FORMAT)
    for path, data in contents:
        digest.update(path.name.encode() + b"\0" + data + b"\0")
    fingerprint = digest.hexdigest()[:16]
    cached = _cache_dir() / f"vocabulary-{fingerprint}.pickle"
    vocab = kept.load(cached)
    if isinstance(vocab, Vocabulary) and vocab.fingerprint == fingerprint:
        return vocab
    vocab = _parse(contents)
    vocab.fingerprint = fingerprint
    try:
        kept.save(cached, vocab)
    except OSError:
        pass  # a read-only home only costs the next run the parse
    return vocab


def _add(vocab: Vocabulary, term: Term) -> None:
    vocab.terms[term.iri] = term
    for text, _ in term.labels:
        vocab.by_key[norm(text)] = term.iri


def _parse(contents: list[tuple[Path, bytes]]) -> Vocabulary:
    import rdflib

    from .namespaces import KG, RDF, SKOS

    vocab = Vocabulary()
    known = {KG[t]: t for t in ENTITY_TYPES + ("NonEntity",)}
    for path, data in contents:
        graph = rdflib.Graph()
        try:
            graph.parse(data=data, format="turtle")
        except Exception as err:  # rdflib raises many types for bad Turtle
            raise KgError(f"{path}: not valid Turtle: {err}") from err
        for subject, cls in sorted(graph.subject_objects(RDF.type)):
            if cls not in known:
                continue
            pref = graph.value(subject, SKOS.prefLabel)
            if pref is None:
                raise KgError(f"{path}: {subject} has no skos:prefLabel")
            alts = sorted(graph.objects(subject, SKOS.altLabel))
            labels = tuple((str(l), l.language) for l in [pref, *alts])
            match_case = bool(graph.value(subject, KG.matchCase))
            _add(vocab, Term(str(subject), known[cls], str(pref), labels, match_case))
    return vocab
