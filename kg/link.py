"""Link mentions to entities: one IRI per entity across all papers.

Names are the same entity when their matching keys are equal (``Qwen3 8B`` = ``Qwen3-8B``),
when the vocabulary lists them as labels of one concept, or when a paper writes one as
the expansion of the other (``Group Relative Policy Optimization (GRPO)``).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .namespaces import ENT
from .patterns import CJK
from .records import ENTITY_TYPES, Mention
from .vocab import Vocabulary, norm, slug

_HAS_CJK = re.compile(f"[{CJK}]")


@dataclass
class Entity:
    iri: str
    type: str
    pref_label: str
    labels: list[str] = field(default_factory=list)  # every other name, sorted

    def all_labels(self) -> list[str]:
        return [self.pref_label, *self.labels]


class _Groups:
    """Union-find over matching keys; vocabulary concepts are fixed groups."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = self.parent.setdefault(key, key)
        while root != self.parent[root]:
            root = self.parent[root]
        while key != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or (ra.startswith("<") and rb.startswith("<")):
            return  # two vocabulary concepts are never merged
        if rb.startswith("<") or (not ra.startswith("<") and rb < ra):
            ra, rb = rb, ra
        self.parent[rb] = ra


def link(mentions: list[Mention], vocabulary: Vocabulary) -> tuple[dict[str, Entity], list[str]]:
    """Entities for ``mentions`` and, for each mention in order, its entity's IRI."""
    groups = _Groups()
    for key, iri in vocabulary.by_key.items():
        if vocabulary.terms[iri].type != "NonEntity":
            groups.union(f"<{iri}>", key)
    for m in mentions:
        key = norm(m.text)
        groups.find(key)
        if m.entity:
            groups.union(f"<{m.entity}>", key)
        for alias in m.aliases:
            if not _HAS_CJK.search(alias) and not vocabulary.is_stopword(alias):
                groups.union(key, norm(alias))

    members: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        members[groups.find(norm(m.text))].append(m)
    entities: dict[str, Entity] = {}
    root_iri: dict[str, str] = {}
    taken = {iri for iri in vocabulary.terms}
    for root in sorted(members):
        group = members[root]
        if root.startswith("<"):
            term = vocabulary.terms[root[1:-1]]
            iri, type_, pref = term.iri, term.type, term.pref_label
            names = [text for text, _ in term.labels]
        else:
            surface = Counter(m.text for m in group)
            pref = min(surface, key=lambda s: (-surface[s], len(s), s))
            iri = _unique(str(ENT[slug(pref)]), taken)
            type_ = _vote(group)
            names = []
        names += [m.text for m in group] + [a for m in group for a in m.aliases]
        labels = sorted({n.strip() for n in names if n.strip() and n.strip() != pref})
        entities[iri] = Entity(iri, type_, pref, labels)
        root_iri[root] = iri
    return entities, [root_iri[groups.find(norm(m.text))] for m in mentions]


def _vote(group: list[Mention]) -> str:
    votes = Counter(m.type for m in group)
    return max(ENTITY_TYPES, key=lambda t: (votes[t], -ENTITY_TYPES.index(t)))


def _unique(iri: str, taken: set[str]) -> str:
    candidate, n = iri, 2
    while candidate in taken:
        candidate, n = f"{iri}-{n}", n + 1
    taken.add(candidate)
    return candidate
