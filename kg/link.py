"""Link a paper's mentions to entities: one IRI per entity across all papers.

An IRI depends only on a name and the vocabulary, never on which other papers were
read, so each file's links can be computed (and cached) on their own:

- a name whose key (``kg.vocab.norm``) is a vocabulary label gets that concept's IRI;
- within one paper, a name and the expansion written beside it are one entity
  (``Quantile Advantage Estimation (QAE)``), named by the shorter;
- any other name gets ``ent:`` + its key, so ``Qwen3 8B`` and ``Qwen3-8B`` are one node.

Types and preferred labels of discovered entities are settled across all papers when
the graph is merged (``kg.graph``).
"""
from __future__ import annotations

import hashlib
import re

from .namespaces import PREFIXES
from .patterns import CJK
from .records import Mention
from .vocab import Vocabulary, norm, slug

_HAS_CJK = re.compile(f"[{CJK}]")


def entity_iri(key: str) -> str:
    """The IRI of a discovered entity with matching key ``key``."""
    return PREFIXES["ent"] + slug(key)


def link_paper(mentions: list[Mention], vocabulary: Vocabulary) -> list[str]:
    """For each of a paper's mentions, the IRI of its entity."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # the shorter key names the group (the acronym rather than its expansion)
            keep, drop = sorted((ra, rb), key=lambda k: (len(k), k))
            parent[drop] = keep

    known: dict[str, str] = {}
    for m in mentions:
        key = norm(m.text)
        find(key)
        if m.entity:
            known[key] = m.entity
        for alias in m.aliases:
            alias_key = norm(alias)
            if _HAS_CJK.search(alias) or vocabulary.is_stopword(alias) or not alias_key:
                continue
            term = vocabulary.lookup(alias)
            if term and term.type != "NonEntity" and m.entity and term.iri != m.entity:
                continue  # never merge two vocabulary concepts
            if term and term.type != "NonEntity":
                known.setdefault(alias_key, term.iri)
            union(key, alias_key)
    # names spelled otherwise than the case-sensitive term of their key: MoGE, not MoGe
    misspelled = {norm(m.text) for m in mentions if m.entity is None
                  and (term := vocabulary.lookup(m.text)) and not vocabulary.spelled_as(term, m.text)}
    group_iri: dict[str, str] = {}
    for key in list(parent):
        root = find(key)
        term = known.get(key) or (vocabulary.lookup(key).iri if _in_vocab(vocabulary, key) and key not in misspelled
                                  else None)
        if term and root not in group_iri:
            group_iri[root] = term
    return [group_iri.get(find(norm(m.text))) or _discovered_iri(find(norm(m.text)), vocabulary) for m in mentions]


def _discovered_iri(key: str, vocabulary: Vocabulary) -> str:
    """``entity_iri(key)``, unless a vocabulary concept has that IRI without being named
    ``key`` (a name spelled with characters an IRI drops): then that IRI and a hash of
    the key, so the name is not taken for the concept, nor for a stop word."""
    iri = entity_iri(key)
    if iri in vocabulary.terms:
        iri += "-" + hashlib.sha1(key.encode()).hexdigest()[:8]
    return iri


def _in_vocab(vocabulary: Vocabulary, key: str) -> bool:
    term = vocabulary.lookup(key)
    return term is not None and term.type != "NonEntity"
