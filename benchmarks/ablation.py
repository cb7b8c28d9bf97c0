"""What each part of extraction adds, scored against gold annotations.

    python benchmarks/ablation.py [GOLD.jsonl ...] [--inputs seeds]

Builds the inputs three ways and scores each with ``kg.evaluate``: the vocabulary
alone; the vocabulary plus names found by their shape (acronyms, model and benchmark
patterns, spelled-out and glossed names); and everything (context cues, lists, titles,
the paper's own names). Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from kg.evaluate import evaluate
from kg.extract import Extractor
from kg.graph import compile_file, merge, write_atomic
from kg.read import find_files, read_file
from kg.vocab import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
LEVELS = {"vocabulary only": "none", "vocabulary + discovery": "shape", "all": "all"}


def build_with(files: list[Path], discovery: str, out: Path) -> Path:
    vocabulary = load_vocabulary()
    extractor = Extractor(vocabulary, discovery=discovery)
    graphs = []
    for path in files:
        read = read_file(path)
        mentions = [extractor.extract(paper) for paper in read.papers]
        graphs.append(compile_file(str(path), read.papers, mentions, read.problems, vocabulary))
    write_atomic(out / "graph.ttl", merge(graphs, vocabulary).turtle())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path,
                        default=sorted((ROOT.parent / "shared" / "gold").glob("seeds-*.jsonl")))
    parser.add_argument("--inputs", nargs="+", type=Path, default=[ROOT / "seeds"])
    args = parser.parse_args()
    files, _ = find_files(args.inputs)
    print("| extraction | Method | Model | Dataset | Metric | proposes | micro P | micro R | micro F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, level in LEVELS.items():
        with tempfile.TemporaryDirectory() as tmp:
            result = evaluate(build_with(files, level, Path(tmp)), args.gold)
        s, m = result.scores, result.micro
        print(f"| {name} | " + " | ".join(f"{s[t].f1:.3f}" for t in ("Method", "Model", "Dataset", "Metric", "proposes"))
              + f" | {m.precision:.3f} | {m.recall:.3f} | {m.f1:.3f} |")


if __name__ == "__main__":
    main()
