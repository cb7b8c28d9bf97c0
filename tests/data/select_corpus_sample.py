"""Choose the 40 corpus pages of the second development set (reproducible).

Stratified by category and month so no single area dominates: pages are grouped by
(category, month), groups are visited in a seeded random order, and one page is drawn
from each until 40 are chosen. The first 20 drawn are the tuning half, the last 20 the
held-out half.

Later sets are drawn the same way, each with the next seed and leaving out the pages
drawn before it:

- ``--more`` (corpus-sample-2.tsv): 60 pages, all for tuning;
- ``--holdout2`` (corpus-sample-3.tsv): 40 pages, a second held-out set, annotated blind
  and never looked at while tuning (the first held-out half then became tuning data);
- ``--train`` (corpus-sample-4.tsv): 160 pages, training data for the mention classifier.

    python tests/data/select_corpus_sample.py ../shared/corpus/arxiv-daily [--more|--holdout2|--train]
"""
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261122
SIZE = 40
# later sets: option -> (name in the tsv, pages, seed offset)
LATER = {"--more": ("tune", 60, 1), "--holdout2": ("holdout2", 40, 2), "--train": ("train", 160, 3)}


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
    drawn = choose(root)
    option = next((a for a in sys.argv[2:] if a in LATER), None)
    if option:
        for later, (name, size, offset) in LATER.items():
            pages = choose(root, size, SEED + offset, exclude=tuple(drawn))
            if later == option:
                print("".join(f"{name}\t{page}\n" for page in pages), end="")
                break
            drawn += pages
    else:
        for i, page in enumerate(drawn):
            print(("tune" if i < SIZE // 2 else "holdout") + "\t" + page)
