"""Read digest files into PaperRecords.

Three digest formats are known; each file's format is chosen from its content by the
``detect`` predicates in ``READERS``. Readers never raise on bad input: they return what
they could read and a list of Problems naming file and line.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .records import PaperRecord, Problem, Section

ARXIV_ID = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf|html)/|huggingface\.co/papers/)(\d{4}\.\d{4,5})(?:v\d+)?"
)
DATE = re.compile(r"\b(20\d\d-[01]\d-[0-3]\d)\b")

# Section headings of each format, mapped to the role of their text.
HF_HEADINGS = {
    "应用领域": "domain",
    "一句话核心贡献": "contribution",
    "核心贡献": "contribution",
    "使用指南": "usage",
    "主要创新点": "innovations",
    "创新点": "innovations",
    "实验效果": "results",
}
PAGE_HEADINGS = {
    "一句话要点": "contribution",
    "关键词": "keywords",
    "核心要点": "highlights",
    "摘要（中文）": "abstract",
    "摘要(中文)": "abstract",
    "方法详解": "method",
    "实验亮点": "results",
    "应用场景": "applications",
    "摘要（原文）": "abstract_en",
    "摘要(原文)": "abstract_en",
}


@dataclass
class ReadResult:
    papers: list[PaperRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    format: str | None = None


def read_file(path: str | Path, name: str | None = None) -> ReadResult:
    """Read one digest file; ``name`` is how the file is called in records and messages."""
    path = Path(path)
    name = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        return ReadResult(problems=[Problem(name, 0, f"cannot read: {err.strerror}")])
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> ReadResult:
    if not data.strip():
        return ReadResult(problems=[Problem(name, 1, "empty file")])
    if b"\x00" in data[:8192]:
        return ReadResult(problems=[Problem(name, 1, "binary file, not a text digest")])
    text, problems = _decode(data, name)
    lines = text.splitlines()
    for reader in READERS:
        if reader.detect(text):
            result = reader.read(lines, name)
            result.problems[:0] = problems
            result.format = reader.name
            for paper in result.papers:
                paper.format = reader.name
            return result
    problems.append(Problem(name, 1, "not a known digest format (no paper list, "
                                     "daily report or paper page found)"))
    return ReadResult(problems=problems)


def _decode(data: bytes, name: str) -> tuple[str, list[Problem]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        problem = Problem(name, line, f"invalid UTF-8 at byte {err.start}; "
                                      "undecodable bytes replaced with U+FFFD")
        return data.decode("utf-8-sig", errors="replace"), [problem]


def _arxiv_id(text: str) -> str | None:
    match = ARXIV_ID.search(text)
    return match.group(1) if match else None


# Lines a site adds to every page that say nothing about the paper.
BOILERPLATE_MARK = "匹配领域"
BOILERPLATE = re.compile(rf"^\s*🎯?\s*\*\*{BOILERPLATE_MARK}\*\*.*$", re.M)
QUOTE_MARK = re.compile(r"^\s*>\s?", re.M)


def _clean(text: str) -> str:
    """Drop quote marks and site boilerplate; bold stays, extraction reads it as emphasis."""
    # (each only where its mark is: a pattern starting at every line start is tried at
    # every character)
    if ">" in text:
        text = QUOTE_MARK.sub("", text)
    if BOILERPLATE_MARK in text:
        text = BOILERPLATE.sub("", text)
    return text.strip()


def _sections(lines: list[str], first: int, offset: int,
              heading_of: Callable[[str], tuple[str, str] | None]) -> list[Section]:
    """The sections of ``lines[first:]``: each line that ``heading_of`` reads as a heading
    (giving its role and any text after it on the line) starts one."""
    sections: list[Section] = []
    role, buffer, start = None, [], 0

    def flush():
        if role and "".join(buffer).strip():
            sections.append(Section(role, _clean("\n".join(buffer)), start))

    for i, line in enumerate(lines[first:], start=first):
        heading = heading_of(line)
        if heading:
            flush()
            role, rest = heading
            buffer, start = [rest], offset + i + (1 if rest.strip() else 2)
        elif role:
            buffer.append(line)
    flush()
    return sections


# --- the paper list: "## English title" / "[中文标题](arXiv link)" / abstract ---------

LIST_TITLE = re.compile(r"^##\s+(?!#)(.+?)\s*$")
LIST_LINK = re.compile(r"^\[(.+)\]\((\S+)\)\s*$")


def _detect_list(text: str) -> bool:
    return bool(re.search(r"^##\s+.+\n\[.+\]\(https?://arxiv\.org/", text, re.M))


def _read_list(lines: list[str], name: str) -> ReadResult:
    result = ReadResult()
    starts = [i for i, line in enumerate(lines) if LIST_TITLE.match(line)]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        block = lines[start:end]
        title = LIST_TITLE.match(block[0]).group(1)
        link = LIST_LINK.match(block[1]) if len(block) > 1 else None
        arxiv_id = _arxiv_id(link.group(2)) if link else None
        if arxiv_id is None:
            result.problems.append(Problem(name, start + 1, f"paper '{title[:60]}' has no arXiv link; skipped"))
            continue
        body = "\n".join(block[2:]).strip()
        paper = PaperRecord(arxiv_id, title, name, start + 1, _last_text_line(lines, start, end),
                            title_zh=link.group(1), links=[link.group(2)])
        paper.sections = [Section("title", title, start + 1), Section("title_zh", link.group(1), start + 2)]
        if body:
            paper.sections.append(Section("abstract", body, start + 3))
        else:
            result.problems.append(Problem(name, start + 1, f"paper {arxiv_id} is truncated: no abstract"))
        result.papers.append(paper)
    return result


def _last_text_line(lines: list[str], start: int, end: int) -> int:
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


# --- the Hugging Face Daily Papers Report: blocks between ===== rules -----------------

HF_RULE = re.compile(r"^={10,}\s*$")
HF_TITLE = re.compile(r"^##\s*(?:📄\s*)?(.+?)\s*$")
HF_HEADING = re.compile(
    r"^\s*(?:#{1,4}\s*)?(?:\*\*)?\s*(?:\d+[.、]\s*)?(?:\*\*)?\s*"
    r"(?P<name>[\u4e00-\u9fff]{2,8})\s*(?:\*\*)?\s*[:：]?\s*(?:\*\*)?\s*[:：]?\s*(?P<rest>.*)$"
)


def _detect_hf(text: str) -> bool:
    return "Daily Papers Report" in text[:2000] or bool(
        re.search(r"^={10,}\s*$", text, re.M) and re.search(r"huggingface\.co/papers/\d", text))


def _read_hf(lines: list[str], name: str) -> ReadResult:
    result = ReadResult()
    header = "\n".join(lines[:10])
    date = DATE.search(header)
    rules = [i for i, line in enumerate(lines) if HF_RULE.match(line)] + [len(lines)]
    for start, end in zip(rules, rules[1:]):
        block = lines[start + 1:end]
        if not any(line.strip() for line in block):
            continue
        paper, problem = _read_hf_block(block, start + 1, name)
        if problem:
            result.problems.append(problem)
        if paper:
            paper.date = date.group(1) if date else None
            paper.end_line = _last_text_line(lines, start, end)
            result.papers.append(paper)
    return result


def _read_hf_block(block: list[str], offset: int, name: str) -> tuple[PaperRecord | None, Problem | None]:
    first = next(i for i, line in enumerate(block) if line.strip())
    title_match = HF_TITLE.match(block[first])
    title = title_match.group(1) if title_match else block[first].strip()
    link_text = "\n".join(line for line in block if "链接" in line or "http" in line)
    arxiv_id = _arxiv_id(link_text)
    if arxiv_id is None:
        return None, Problem(name, offset + first + 1, f"paper '{title[:60]}' has no arXiv or Hugging Face paper link; skipped")
    links = re.findall(r"https?://\S+", link_text)
    paper = PaperRecord(arxiv_id, title, name, offset + first + 1, offset + len(block),
                        links=[link.rstrip(")") for link in links[:1]])
    paper.sections = [Section("title", title, offset + first + 1)]
    paper.sections += _sections(block, first + 1, offset, _hf_heading)
    if len(paper.sections) == 1:
        return paper, Problem(name, offset + first + 1, f"paper {arxiv_id} is truncated: no sections found")
    return paper, None


def _hf_heading(line: str) -> tuple[str, str] | None:
    heading = HF_HEADING.match(line)
    role = HF_HEADINGS.get(heading.group("name")) if heading else None
    return (role, heading.group("rest")) if role else None


# --- one paper per page, with YAML front matter (arxiv-daily) --------------------------

PAGE_HEADING = re.compile(r"^##\s+(?:\S+\s+)?(?P<name>[^\s#].*?)\s*$")
KEYWORDS = re.compile(r"^\*\*关键词\*\*\s*[:：]\s*(.*)$")


def _detect_page(text: str) -> bool:
    return text.startswith("---") and bool(re.search(r"^title:", text[:2000], re.M))


def _read_page(lines: list[str], name: str) -> ReadResult:
    result = ReadResult()
    try:
        close = lines.index("---", 1)
    except ValueError:
        result.problems.append(Problem(name, 1, "truncated page: front matter is not closed"))
        return result
    front = dict(_front_matter(lines[1:close]))
    text = "\n".join(lines)
    arxiv_id = _arxiv_id(text)
    title = front.get("title", "").strip("\"'")
    if arxiv_id is None:
        result.problems.append(Problem(name, 1, f"page '{title[:60]}' has no arXiv link; skipped"))
        return result
    date = DATE.search(next((line for line in lines if "发布日期" in line), "")) or DATE.search(name)
    paper = PaperRecord(arxiv_id, title, name, 1, _last_text_line(lines, 0, len(lines)),
                        date=date.group(1) if date else None,
                        links=sorted(set(re.findall(r"https?://arxiv\.org/abs/[\w.]+", text))))
    paper.sections = [Section("title", title, 2)] + _sections(lines, close + 1, 0, _page_heading)
    if not any(s.role in ("abstract", "abstract_en") for s in paper.sections):
        result.problems.append(Problem(name, len(lines), f"truncated page: paper {arxiv_id} has no abstract"))
    result.papers.append(paper)
    return result


def _page_heading(line: str) -> tuple[str, str] | None:
    keywords = KEYWORDS.match(line)
    if keywords:
        return "keywords", keywords.group(1).replace("`", " ").strip()
    heading = PAGE_HEADING.match(line)
    if heading and heading.group("name") in PAGE_HEADINGS:
        return PAGE_HEADINGS[heading.group("name")], ""
    return None


def _front_matter(lines: list[str]) -> Iterator[tuple[str, str]]:
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith(" "):
            yield key.strip(), value.strip()


@dataclass(frozen=True)
class Reader:
    name: str
    detect: Callable[[str], bool]
    read: Callable[[list[str], str], ReadResult]


# Order matters: a page with front matter may also contain "## " headings and links.
READERS = (
    Reader("arxiv-daily-page", _detect_page, _read_page),
    Reader("hf-daily-report", _detect_hf, _read_hf),
    Reader("paper-list", _detect_list, _read_list),
)

SUFFIXES = (".txt", ".md", ".markdown")


def find_files(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Digest files named by ``inputs`` (files, or folders searched recursively), sorted."""
    names, problems = find_file_names(inputs)
    return [Path(name) for name in names], problems


def find_file_names(inputs: Iterable[str | Path]) -> tuple[list[str], list[Problem]]:
    """:func:`find_files` as strings: a year of digests is 12k files, and making a Path
    of each cost a rebuild a tenth of its time."""
    files, problems = set(), []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            _add_digests(str(path), files)
        elif path.is_file():
            files.add(str(path))
        else:
            problems.append(Problem(str(path), 0, "no such file or folder"))
    return sorted(files), problems


def _add_digests(folder: str, files: set[str]) -> None:
    """The digest files in ``folder`` and below it, links to folders not followed (as
    os.walk). A digest's name is taken without asking whether it is a folder, a system
    call for each linked file that os.walk makes (a year of digests linked in from
    elsewhere took a tenth of a second more); a folder so named fails to read later."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if _is_digest_name(entry.name) and not entry.is_dir(follow_symlinks=False):
                files.add(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                _add_digests(entry.path, files)


def _is_digest_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in SUFFIXES and not name.upper().startswith(("README", "LICENSE"))
