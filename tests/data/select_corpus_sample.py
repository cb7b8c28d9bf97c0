"""Choose the 40 corpus pages of the second development set (reproducible).

Stratified by category and month so no single area dominates: pages are grouped by
(category, month), groups are visited in a seeded random order, and one page is drawn
from each until 40 are chosen. The first 20 drawn are the tuning half, the last 20 the
held-out half.

A later, larger tuning set (``--more``, written to corpus-sample-2.tsv) is drawn the same
way with the next seed, leaving out the first 40: 60 pages, all for tuning.

    python tests/data/select_corpus_sample.py ../shared/corpus/arxiv-daily
    python tests/data/select_corpus_sample.py ../shared/corpus/arxiv-daily --more
"""
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261122
SIZE = 40
MORE = 60


def choose(root: Path, size: int = SIZE, seed: int = SEED, exclude: tuple[str, ...] = ()) -> list[str]:
    groups = defaultdict(list)
    for page in sorted(root.rglob("*.md")):
        rel = page.relative_to(root)
        if len(rel.parts) < 4:
            continue  # README and other non-page files
        category, day = rel.parts[1], rel.parts[2]
        groups[(category, day[:7])].append(str(rel))
    rng = random.Random(seed)
    keys = sorted(groups)
    chosen: list[str] = []
    while len(chosen) < size:
        rng.shuffle(keys)
        for key in keys:
            pool = [p for p in groups[key] if p not in chosen and p not in exclude]
            if pool and len(chosen) < size:
                chosen.append(rng.choice(pool))
    return chosen


if __name__ == "__main__":
    root = Path(sys.argv[1])
    first = choose(root)
    if "--more" in sys.argv[2:]:
        for page in choose(root, MORE, SEED + 1, exclude=tuple(first)):
            print("tune\t" + page)
    else:
        for i, page in enumerate(first):
            print(("tune" if i < SIZE // 2 else "holdout") + "\t" + page)
