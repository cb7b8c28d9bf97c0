"""Build speed and memory on the real corpus, beside the floor measured in the same run.

    python benchmarks/bench_build.py [CORPUS] [--sizes 1000,4000,all] [--jobs N] [--repeat R]

For each size it builds the first N pages (sorted path order) from scratch in a fresh
process and prints wall time, pages per second, peak memory of the whole process tree
(proportional set sizes sampled from /proc) and triples. The floor is reading every
page and splitting it into tokens with one regular expression. Then it measures an
incremental build: all pages but one day's (the latest date with 40 or more pages,
across categories) built, that day added and rebuilt, and the result compared byte for
byte with a fresh build. Prints Markdown tables.

Every time is the least of ``--repeat`` runs (default 3), the floor's too: on a shared
virtual machine the same build took from 31 to 50 seconds as the host's load changed,
and the least is the run least disturbed.
"""
from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "arxiv-daily"
TOKEN = re.compile(r"[A-Za-z0-9]+|[\u4e00-\u9fff]|\S")


def pages(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.md") if len(p.relative_to(corpus).parts) >= 4)


def floor_seconds(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        TOKEN.findall(path.read_text(encoding="utf-8"))
    return time.perf_counter() - start


def least(repeat: int, measure):
    """The run of ``measure()`` (which returns a tuple, seconds first) that took least time."""
    return min((measure() for _ in range(repeat)), key=lambda result: result[0])


# Reading a process's proportional set size walks its page tables: 10 ms for 600 MiB.
# Sampled every 50 ms that took a third of a core from the build it measured.
_SAMPLE_SECONDS = 0.5


def tree_memory_kib(pid: int) -> int:
    """Memory of a process and all its descendants, from /proc: the sum of their
    proportional set sizes (a page shared by n processes counts 1/n in each), since
    forked workers share most of their pages with the build and a sum of resident sizes
    would count those pages once per process."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def run_build(inputs: Path, out: Path, jobs: int | None) -> tuple[float, int, str]:
    command = [sys.executable, "-m", "kg", "build", str(inputs), "--out", str(out), "-q"]
    if jobs:
        command += ["--jobs", str(jobs)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    ended = threading.Event()

    def sample():
        nonlocal peak
        while not ended.is_set():
            peak = max(peak, tree_memory_kib(process.pid))
            ended.wait(_SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, stderr = process.communicate()
    # timed when the build ends: the sampler may be between samples (half a second, a
    # third of a day's update, was once counted in)
    seconds = time.perf_counter() - start
    ended.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed: {stderr[-2000:]}")
    return seconds, peak, stdout


def link_pages(files: list[Path], corpus: Path, folder: Path) -> None:
    for path in files:
        target = folder / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default="1000,4000,all")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the least time is kept")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; nothing to measure")
        return
    every = pages(args.corpus)
    floor = min(floor_seconds(every) for _ in range(args.repeat))
    print(f"machine: {os.cpu_count()} cores; floor (read + regex tokenize {len(every)} pages): {floor:.2f} s; "
          f"least of {args.repeat} runs\n")
    print("| pages | wall time (s) | pages/s | × floor (for as many pages) | peak memory (MiB) | triples |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes.split(","):
        chosen = every if size == "all" else every[:int(size)]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            link_pages(chosen, args.corpus, folder)
            seconds, peak, stdout = least(args.repeat, lambda: fresh_build(folder, Path(tmp) / "out", args.jobs))
        triples = re.search(r"triples: (\d+)", stdout).group(1)
        ratio = seconds / floor * len(every) / len(chosen)
        print(f"| {len(chosen)} | {seconds:.1f} | {len(chosen) / seconds:.0f} | {ratio:.1f} | {peak / 1024:.0f} | {triples} |")
    if not args.no_incremental:
        incremental(every, args.corpus, args.jobs, args.repeat)


def fresh_build(inputs: Path, out: Path, jobs: int | None) -> tuple[float, int, str]:
    shutil.rmtree(out, ignore_errors=True)
    return run_build(inputs, out, jobs)


def incremental(every: list[Path], corpus: Path, jobs: int | None, repeat: int) -> None:
    """Build all but one day's pages (the latest date with 40 or more, across categories),
    then add that day and rebuild, rebuild with nothing changed, and take the day out again
    (``repeat`` times, the least time kept), each beside a fresh build of the same pages."""
    dates: dict[str, list[Path]] = {}
    for page in every:
        dates.setdefault(page.relative_to(corpus).parts[2], []).append(page)
    last = max(date for date, day_pages in dates.items() if len(day_pages) >= 40)
    day = dates[last]
    rest = [p for p in every if p not in set(day)]
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        link_pages(rest, corpus, folder)
        full, _, _ = run_build(folder, out, jobs)
        added = unchanged = removed = math.inf
        for _ in range(repeat):
            link_pages(day, corpus, folder)
            added = min(added, run_build(folder, out, jobs)[0])
            unchanged = min(unchanged, run_build(folder, out, jobs)[0])
            for page in day:
                (folder / page.relative_to(corpus)).unlink()
            removed = min(removed, run_build(folder, out, jobs)[0])
        rest_fresh, _, _ = least(repeat, lambda: fresh_build(folder, Path(tmp) / "rest", jobs))
        same_removed = (out / "graph.ttl").read_bytes() == (Path(tmp) / "rest" / "graph.ttl").read_bytes()
        link_pages(day, corpus, folder)
        run_build(folder, out, jobs)
        fresh, _, _ = least(repeat, lambda: fresh_build(folder, Path(tmp) / "fresh", jobs))
        same = (out / "graph.ttl").read_bytes() == (Path(tmp) / "fresh" / "graph.ttl").read_bytes()
    print(f"\nincremental: full build of {len(rest)} pages {full:.1f} s; adding one day ({last}, {len(day)} pages) "
          f"{added:.1f} s = {added / fresh:.1%} of a fresh build ({fresh:.1f} s); same graph as fresh: {same}")
    print(f"rebuild with nothing changed: {unchanged:.1f} s; taking the day out again: {removed:.1f} s "
          f"= {removed / rest_fresh:.1%} of a fresh build ({rest_fresh:.1f} s); same graph as fresh: {same_removed}")


if __name__ == "__main__":
    main()
