"""Extraction quality on every development set, as the README's table.

    python benchmarks/quality.py [--corpus DIR] [--sets seeds,tune,...]

Builds each set's pages from scratch and scores the graph against its gold annotations
with ``kg.evaluate`` (the rules of the annotation guidelines, as ``score-gold``):

- seeds: the two seed digests, gold in ``../shared/gold/``;
- tune, tune2, holdout, train, holdout2: arxiv-daily pages listed in ``tests/data/``
  (``corpus-sample*.tsv``, drawn by ``select_corpus_sample.py``), gold beside them.

Prints a Markdown table, and skips a set whose pages or gold are not here.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from kg.build import build
from kg.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
# set -> (what it is, the sample file and the name the pages have in it, the gold file)
CORPUS_SETS = {
    "tune": ("corpus, tuning (20 pages)", "corpus-sample.tsv", "tune", "corpus-gold-tune.jsonl"),
    "tune2": ("corpus, more tuning (60 pages)", "corpus-sample-2.tsv", "tune", "corpus-gold-tune2.jsonl"),
    "holdout": ("corpus, first held-out half, now tuning (20 pages)", "corpus-sample.tsv", "holdout",
                "corpus-gold-holdout.jsonl"),
    "train": ("corpus, training pages (160 pages)", "corpus-sample-4.tsv", "train", "corpus-gold-train.jsonl"),
    "holdout2": ("corpus, held out (40 pages, untouched)", "corpus-sample-3.tsv", "holdout2",
                 "corpus-gold-holdout2.jsonl"),
}
TYPES = ("Method", "Model", "Dataset", "Metric", "proposes")


def corpus_pages(corpus: Path, sample: str, name: str) -> list[Path]:
    rows = [line.split("\t") for line in (DATA / sample).read_text(encoding="utf-8").splitlines() if line]
    return [corpus / path for kind, path in rows if kind == name]


def row(label: str, inputs: list[Path], gold: list[Path]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        build(inputs, tmp, view=False, use_cache=False)
        result = evaluate(Path(tmp) / "graph.ttl", gold)
    s, m = result.scores, result.micro
    return (f"| {label} | " + " | ".join(f"{s[t].f1:.3f}" for t in TYPES)
            + f" | {m.precision:.3f} | {m.recall:.3f} | {m.f1:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "arxiv-daily")
    parser.add_argument("--sets", default="seeds," + ",".join(CORPUS_SETS))
    args = parser.parse_args()
    print("| set | Method | Model | Dataset | Metric | proposes | micro P | micro R | micro F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.sets.split(","):
        if name == "seeds":
            gold = sorted((SHARED / "gold").glob("seeds-*.jsonl"))
            if gold:
                print(row("seeds (57 papers)", [ROOT / "seeds"], gold))
            continue
        label, sample, kind, gold = CORPUS_SETS[name]
        pages = corpus_pages(args.corpus, sample, kind)
        if pages and all(page.is_file() for page in pages):
            print(row(label, pages, [DATA / gold]))


if __name__ == "__main__":
    main()
