"""Build speed and memory on the real corpus, beside the floor measured in the same run.

    python benchmarks/bench_build.py [CORPUS] [--sizes 1000,4000,all] [--jobs N] [--repeat R]

For each size it builds the first N pages (sorted path order) from scratch in a fresh
process and prints wall time, pages per second, peak memory of the whole process tree
(proportional set sizes sampled from /proc) and triples, beside the floor: reading the
same pages and splitting them into tokens with one regular expression. Then it measures
updates (see ``incremental``): days of pages added to a built corpus and taken out again,
with ``kg build`` and with ``kg build --watch``, each result compared byte for byte with a
fresh build. Prints Markdown tables.

Every time is the least of ``--repeat`` runs (default 3), the floor's too: on a shared
virtual machine the same build took from 31 to 50 seconds as the host's load changed,
and the least is the run least disturbed. The floor is measured just before each build,
so that both least times come from the same minutes: measured once at the start, the
floor and the builds could fall in minutes when the host ran at different speeds.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
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
    print(f"machine: {os.cpu_count()} cores; least of {args.repeat} runs; the floor (read + regex tokenize the "
          f"same pages) measured before each build\n")
    print("| pages | wall time (s) | pages/s | floor (s) | × floor | peak memory (MiB) | triples |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes.split(","):
        chosen = every if size == "all" else every[:int(size)]
        floors, builds = [], []
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            link_pages(chosen, args.corpus, folder)
            for _ in range(args.repeat):
                floors.append(floor_seconds(chosen))
                builds.append(fresh_build(folder, Path(tmp) / "out", args.jobs))
        floor = min(floors)
        seconds, peak, stdout = min(builds, key=lambda result: result[0])
        triples = re.search(r"triples: (\d+)", stdout).group(1)
        print(f"| {len(chosen)} | {seconds:.1f} | {len(chosen) / seconds:.0f} | {floor:.2f} | {seconds / floor:.1f} "
              f"| {peak / 1024:.0f} | {triples} |")
    if not args.no_incremental:
        incremental(every, args.corpus, args.jobs, args.repeat)


def fresh_build(inputs: Path, out: Path, jobs: int | None) -> tuple[float, int, str]:
    shutil.rmtree(out, ignore_errors=True)
    return run_build(inputs, out, jobs)


def incremental(every: list[Path], corpus: Path, jobs: int | None, repeat: int) -> None:
    """Build all pages but those of the latest ``2 * repeat + 1`` days with 40 pages or
    more (across categories). Then, ``repeat`` times, add one of those days and rebuild
    with ``kg build``, rebuild with nothing changed, and take the day out again; and as
    many times the same with ``kg build --watch`` (after one day to start it). Each day
    is added once, so every update extracts its pages. The least times are kept, beside
    a fresh build of the same pages."""
    dates: dict[str, list[Path]] = {}
    for page in every:
        dates.setdefault(page.relative_to(corpus).parts[2], []).append(page)
    days = sorted(date for date, day_pages in dates.items() if len(day_pages) >= 40)[-(2 * repeat + 1):]
    rest = [p for p in every if p.relative_to(corpus).parts[2] not in days]
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        link_pages(rest, corpus, folder)
        full, _, _ = run_build(folder, out, jobs)
        added, unchanged, removed = [], [], []
        aside = Path(tmp) / "aside"
        for date in days:
            link_pages(dates[date], corpus, aside)
        for date in days[:repeat]:
            move_day(dates[date], corpus, aside, folder)
            added.append((run_build(folder, out, jobs)[0], len(dates[date])))
            unchanged.append(run_build(folder, out, jobs)[0])
            move_day(dates[date], corpus, folder, aside)
            removed.append((run_build(folder, out, jobs)[0], len(dates[date])))
        watched_added, watched_removed = watched_updates(folder, out, jobs, [dates[d] for d in days[repeat:]],
                                                         corpus, aside)
        rest_fresh, _, _ = least(repeat, lambda: fresh_build(folder, Path(tmp) / "rest", jobs))
        same_removed = (out / "graph.ttl").read_bytes() == (Path(tmp) / "rest" / "graph.ttl").read_bytes()
        day = dates[days[-1]]
        move_day(day, corpus, aside, folder)
        run_build(folder, out, jobs)
        fresh, _, _ = least(repeat, lambda: fresh_build(folder, Path(tmp) / "fresh", jobs))
        same = (out / "graph.ttl").read_bytes() == (Path(tmp) / "fresh" / "graph.ttl").read_bytes()
    print(f"\nincremental: full build of {len(rest)} pages {full:.1f} s; a fresh build with one day more "
          f"({len(day)} pages) {fresh:.1f} s, without it {rest_fresh:.1f} s")
    print("\n| update | days (pages) | least time (s) | share of a fresh build |")
    print("|---|---|---:|---:|")
    rows = [("`kg build`: a day added", added, fresh), ("`kg build`: the day taken out", removed, rest_fresh),
            ("`kg build --watch`: a day added", watched_added, fresh),
            ("`kg build --watch`: the day taken out", watched_removed, rest_fresh)]
    for what, times, base in rows:
        least_time = min(t for t, _ in times)
        print(f"| {what} | {len(times)} ({', '.join(str(n) for _, n in times)}) | {least_time:.2f} "
              f"| {least_time / base:.1%} |")
    print(f"\nrebuild with nothing changed: {min(unchanged):.2f} s; same graph as fresh after adding: {same}, "
          f"after taking out: {same_removed}")


def move_day(day: list[Path], corpus: Path, source: Path, target: Path) -> None:
    """Move a day's folders (one per category) from ``source`` to ``target``: a rename
    each, so that a watching build sees the whole day arrive or leave at once."""
    for folder in sorted({page.relative_to(corpus).parent.parent for page in day}):
        (target / folder).parent.mkdir(parents=True, exist_ok=True)
        (source / folder).rename(target / folder)


def watched_updates(folder: Path, out: Path, jobs: int | None, days: list[list[Path]], corpus: Path, aside: Path):
    """``kg build --watch`` on ``folder``: the first day added and taken out starts it (its
    first update reads the state back, as ``kg build`` does); then each other day added
    and taken out. Each update's time is what the watcher reports: from finding the
    change to the outputs written. A day is moved a file at a time, so the watcher may
    find it half moved and update twice: an update is complete when the files read are
    as many as the folder holds, and its time is the sum of the builds it took. Returns
    ([(seconds, pages)] added, [...] taken out)."""
    command = [sys.executable, "-m", "kg", "build", str(folder), "--out", str(out), "--watch", "--interval", "0.5"]
    if jobs:
        command += ["--jobs", str(jobs)]
    # (a session of its own: a lost update kills its process group, workers with it)
    watcher = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    builds = _builds(watcher.stdout)

    def update(files: int) -> float:
        seconds = 0.0
        # (a lost update must not hang the run; the workers too hold the watcher's output open)
        timer = threading.Timer(_UPDATE_TIMEOUT, os.killpg, (watcher.pid, signal.SIGKILL))
        timer.start()
        try:
            for took, read in builds:
                seconds += took
                if read == files:
                    return seconds
        finally:
            timer.cancel()
        raise RuntimeError(f"kg build --watch stopped, or found no update of {files} files in {_UPDATE_TIMEOUT} s")

    try:
        base = len(pages(folder))
        update(base)  # nothing changed since the last build: nothing written
        added, removed = [], []
        for number, day in enumerate(days):
            move_day(day, corpus, aside, folder)
            seconds = update(base + len(day))
            move_day(day, corpus, folder, aside)
            if number:
                added.append((seconds, len(day)))
                removed.append((update(base), len(day)))
            else:
                update(base)
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait()
    return added, removed


_UPDATE_TIMEOUT = 300


def _builds(lines) -> Iterator[tuple[float, int]]:
    """Each build a watcher reports: its seconds and the files it read."""
    seconds = None
    for line in lines:
        if match := re.search(r"built in ([\d.]+) s", line):
            seconds = float(match.group(1))
        elif seconds is not None and (match := re.match(r"files read: (\d+)", line)):
            yield seconds, int(match.group(1))
            seconds = None


if __name__ == "__main__":
    main()
