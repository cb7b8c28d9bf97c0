"""The vocabulary of known entities: SKOS Turtle in ``ontology/vocabulary/``.

Each concept has one type (kg:Method, kg:Model, ...), a skos:prefLabel and any number
of skos:altLabel. Concepts typed kg:NonEntity are a stop list: names that look like
entities but are not (LLM, reinforcement learning, H100 ...).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KgError
from .namespaces import KG, ontology_dir
from .records import ENTITY_TYPES

_SEPARATORS = re.compile(r"[\s\-_.·]")


def norm(label: str) -> str:
    """The matching key of a name: case-folded, width-folded, separators removed."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", label).casefold())


def slug(label: str) -> str:
    """IRI local name of an entity from its canonical label (``AIME 2024`` -> ``aime-2024``)."""
    text = unicodedata.normalize("NFKC", label).casefold()
    text = re.sub(r"\+", "-plus", text)
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

    def is_stopword(self, label: str) -> bool:
        term = self.lookup(label)
        return term is not None and term.type == "NonEntity"


def vocabulary_files(extra: list[Path] | None = None) -> list[Path]:
    return sorted((ontology_dir() / "vocabulary").glob("*.ttl")) + list(extra or [])


def load_vocabulary(files: list[Path] | None = None) -> Vocabulary:
    """Parse the vocabulary files; later files override earlier ones label by label."""
    import rdflib
    from rdflib.namespace import RDF, SKOS

    files = vocabulary_files() if files is None else files
    vocab = Vocabulary()
    digest = hashlib.sha256()
    known = {KG[t]: t for t in ENTITY_TYPES + ("NonEntity",)}
    for path in files:
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data)
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
            term = Term(str(subject), known[cls], str(pref), labels, match_case)
            vocab.terms[term.iri] = term
            for text, _ in labels:
                vocab.by_key[norm(text)] = term.iri
    vocab.fingerprint = digest.hexdigest()[:16]
    return vocab
