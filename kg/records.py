"""Plain data passed between the stages: read -> extract -> link -> graph.

Every record is JSON-serialisable through ``to_json``/``from_json`` so per-file results
can be cached on disk and shipped between processes or machines.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

ENTITY_TYPES = ("Method", "Model", "Dataset", "Metric", "Task")
SCORED_TYPES = ("Method", "Model", "Dataset", "Metric")

# Section roles a reader may fill; extraction reads all of them.
SECTION_ROLES = (
    "title", "title_zh", "abstract", "contribution", "domain", "usage",
    "innovations", "results", "keywords", "method", "abstract_en", "applications",
    "highlights",
)


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input: reported, never fatal."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Section:
    role: str
    text: str
    line: int  # 1-based line of the section's first text line in its file


@dataclass
class PaperRecord:
    """One paper as read from one block of one digest file."""

    arxiv_id: str
    title: str
    source: str
    start_line: int
    end_line: int
    title_zh: str | None = None
    date: str | None = None  # ISO date of the digest, when it says
    links: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    format: str = ""

    def section(self, role: str) -> str | None:
        texts = [s.text for s in self.sections if s.role == role]
        return "\n".join(texts) if texts else None

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "PaperRecord":
        data = dict(data)
        data["sections"] = [Section(**s) for s in data["sections"]]
        return cls(**data)


@dataclass(frozen=True)
class Mention:
    """A name found in a paper's text, before linking to an entity."""

    text: str  # surface form as written
    type: str  # one of ENTITY_TYPES
    role: str  # section role where it was found
    sentence: str
    proposed: bool = False
    aliases: tuple[str, ...] = ()  # other forms written beside it: expansion, Chinese name
    rule: str = ""  # "vocabulary" or the discovery rule that found it
    entity: str | None = None  # vocabulary IRI when matched from the vocabulary

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Mention":
        return cls(**{**data, "aliases": tuple(data.get("aliases", ()))})
