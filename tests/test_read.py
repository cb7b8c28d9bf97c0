"""Readers: the three digest formats, and bad input reported by file and line."""
from pathlib import Path

import pytest

from kg.build import build
from kg.read import find_files, read_bytes, read_file

SEEDS = Path(__file__).parent.parent / "seeds"
CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus" / "arxiv-daily"

LIST_DIGEST = """## Quantile Advantage Estimation for Entropy-Safe Reasoning
[分位数优势估计](https://arxiv.org/abs/2509.22611v2)

我们提出分位数优势估计 (QAE)，在 AIME 2024 上提升 pass@1。

## Another Paper
[另一篇](https://arxiv.org/abs/2509.11111)

摘要。
"""

HF_DIGEST = """# Hugging Face Daily Papers Report
**Date**: 2026-02-13

============================================================

## 📄 dVoting: Fast Voting for dLLMs

- **链接**: https://huggingface.co/papers/2602.12153

### 1. 应用领域
**NLP**

2. **一句话核心贡献**：提出了 dVoting。

### 5. 实验效果
在 GSM8K 上评估。

============================================================
"""

PAGE = """---
layout: default
title: A Page Paper
---

# A Page Paper

<a href="https://arxiv.org/abs/2506.17352" class="toolbar-btn">arXiv: 2506.17352v2</a>

**发布日期**: 2025-06-20

## 💡 一句话要点

**提出 X**

**关键词**: `大型语言模型` `安全`

## 📝 摘要（中文）

中文摘要。

## 📄 摘要（原文）

> English abstract.
"""


def test_seeds_have_57_papers():
    files, problems = find_files([SEEDS])
    papers = [p for f in files for p in read_file(f).papers]
    assert not problems
    assert len(files) == 2
    assert len({p.arxiv_id for p in papers}) == 57


def test_list_format_record():
    result = read_bytes(LIST_DIGEST.encode(), "list.txt")
    assert result.format == "paper-list"
    first = result.papers[0]
    assert (first.arxiv_id, first.title_zh, first.start_line, first.end_line) == (
        "2509.22611", "分位数优势估计", 1, 4)
    assert "QAE" in first.section("abstract")
    assert not result.problems


def test_hf_format_sections_in_several_heading_styles():
    result = read_bytes(HF_DIGEST.encode(), "hf.txt")
    assert result.format == "hf-daily-report"
    paper = result.papers[0]
    assert paper.arxiv_id == "2602.12153"
    assert paper.date == "2026-02-13"
    assert paper.section("domain") == "**NLP**"  # Markdown emphasis is kept
    assert paper.section("contribution") == "提出了 dVoting。"
    assert "GSM8K" in paper.section("results")


def test_page_format_sections():
    result = read_bytes(PAGE.encode(), "page.md")
    assert result.format == "arxiv-daily-page"
    paper = result.papers[0]
    assert (paper.arxiv_id, paper.title, paper.date) == ("2506.17352", "A Page Paper", "2025-06-20")
    assert paper.section("abstract_en") == "English abstract."
    assert paper.section("keywords") == "大型语言模型   安全"
    assert paper.section("contribution") == "**提出 X**"


@pytest.mark.parametrize("data, line, message", [
    (b"", 1, "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", 1, "binary file"),
    (b"just some notes\nwith no papers\n", 1, "not a known digest format"),
])
def test_unreadable_files_get_one_warning(data, line, message):
    result = read_bytes(data, "bad.txt")
    assert result.papers == []
    assert len(result.problems) == 1
    assert result.problems[0].line == line
    assert message in result.problems[0].message
    assert str(result.problems[0]).startswith(f"bad.txt:{line}: ")


def test_invalid_utf8_is_reported_with_its_line_and_the_rest_read():
    data = LIST_DIGEST.replace("摘要。", "摘要\udcff。").encode("utf-8", "surrogateescape")
    result = read_bytes(data, "latin.txt")
    assert [p.line for p in result.problems] == [9]
    assert "invalid UTF-8" in result.problems[0].message
    assert len(result.papers) == 2


def test_block_without_link_is_skipped_with_a_warning():
    data = LIST_DIGEST.replace("[另一篇](https://arxiv.org/abs/2509.11111)", "[另一篇](no link)").encode()
    result = read_bytes(data, "nolink.txt")
    assert [p.arxiv_id for p in result.papers] == ["2509.22611"]
    assert len(result.problems) == 1
    assert result.problems[0].line == 6 and "no arXiv link" in result.problems[0].message


def test_truncated_blocks_are_reported():
    truncated_list = read_bytes(LIST_DIGEST.split("摘要。")[0].encode(), "cut.txt")
    assert [str(p) for p in truncated_list.problems] == ["cut.txt:6: paper 2509.11111 is truncated: no abstract"]
    truncated_hf = read_bytes(HF_DIGEST.split("### 1.")[0].encode(), "cut-hf.txt")
    assert len(truncated_hf.problems) == 1 and "truncated" in truncated_hf.problems[0].message
    truncated_page = read_bytes(PAGE.split("---\n\n# A")[0].encode(), "cut.md")
    assert len(truncated_page.problems) == 1 and "front matter is not closed" in truncated_page.problems[0].message


def test_hf_block_without_link(tmp_path):
    data = HF_DIGEST.replace("- **链接**: https://huggingface.co/papers/2602.12153\n", "").encode()
    result = read_bytes(data, "hf.txt")
    assert result.papers == []
    assert len(result.problems) == 1 and "no arXiv or Hugging Face paper link" in result.problems[0].message


def test_one_broken_file_does_not_stop_the_build(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(LIST_DIGEST, encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02")
    (inputs / "notes.md").write_text("nothing here\n", encoding="utf-8")
    report = build([inputs], tmp_path / "out", jobs=1)
    assert report.papers == 2
    assert report.files == 4
    assert len(report.problems) == 3
    assert sorted(Path(f).name for f in report.skipped_files) == ["binary.txt", "empty.txt", "notes.md"]
    assert (tmp_path / "out" / "graph.ttl").is_file()
    assert "files skipped: 3" in report.summary()


def test_same_paper_in_two_files_is_one_paper_with_two_sources(tmp_path):
    import rdflib

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(LIST_DIGEST, encoding="utf-8")
    (inputs / "b.txt").write_text(LIST_DIGEST.split("## Another")[0], encoding="utf-8")
    report = build([inputs], tmp_path / "out", jobs=1)
    assert report.papers == 2
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    sources = list(graph.query(
        "SELECT ?f WHERE { <https://w3id.org/kg/id/paper/2509.22611> prov:wasDerivedFrom/kg:sourceFile ?f }",
        initNs={"prov": rdflib.PROV, "kg": rdflib.Namespace("https://w3id.org/kg/ontology#")}))
    assert len(sources) == 2


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_corpus_pages_all_read():
    files, _ = find_files([CORPUS])
    ids, problems = set(), []
    for f in files:
        result = read_file(f)
        ids.update(p.arxiv_id for p in result.papers)
        problems += result.problems
    assert len(files) == 12431
    assert len(ids) == 12248
    assert all("truncated" in p.message or "abstract" in p.message for p in problems)
