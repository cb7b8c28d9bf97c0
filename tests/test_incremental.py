"""Incremental builds give the same graph as fresh ones, with one worker or several."""
import re
import shutil
from pathlib import Path

import pytest

from kg import cache as kept
from kg.build import build

SEEDS = Path(__file__).parent.parent / "seeds"


def split_list_digest(folder: Path) -> list[Path]:
    """The list-format seed cut into one file per two papers: many small digests."""
    text = (SEEDS / "000_57d445a02a9f2dd1.txt").read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=## )", text)
    blocks = [b for b in blocks if b.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(0, len(blocks), 2):
        path = folder / f"day-{i // 2:02d}.txt"
        path.write_text("".join(blocks[i:i + 2]), encoding="utf-8")
        files.append(path)
    shutil.copy(SEEDS / "004_8a42bb2297b56b51.txt", folder / "report.txt")
    return files + [folder / "report.txt"]


def graph_bytes(out: Path) -> bytes:
    return (out / "graph.ttl").read_bytes()


@pytest.fixture
def digests(tmp_path):
    files = split_list_digest(tmp_path / "in")
    return tmp_path / "in", files


def test_added_file_equals_fresh_build(digests, tmp_path):
    folder, files = digests
    held_back = files[3]
    moved = tmp_path / held_back.name
    held_back.rename(moved)
    build([folder], tmp_path / "out", jobs=1)
    moved.rename(held_back)
    report = build([folder], tmp_path / "out", jobs=1)
    assert report.cached_files == len(files) - 1
    assert report.merged_files == 1  # merged into the last build's state, not all again
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")


def test_edited_file_equals_fresh_build(digests, tmp_path):
    folder, files = digests
    build([folder], tmp_path / "out", jobs=1)
    edited = files[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("Transformer", "Mamba"), encoding="utf-8")
    report = build([folder], tmp_path / "out", jobs=1)
    assert report.cached_files == len(files) - 1 and report.merged_files == 1
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")
    assert b"Mamba" in graph_bytes(tmp_path / "out")


def test_deleted_file_equals_fresh_build(digests, tmp_path):
    folder, files = digests
    build([folder], tmp_path / "out", jobs=1)
    before = graph_bytes(tmp_path / "out")
    files[1].unlink()
    assert build([folder], tmp_path / "out", jobs=1).merged_files == 1
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")
    assert graph_bytes(tmp_path / "out") != before


def test_one_worker_or_two_give_the_same_graph(digests, tmp_path):
    folder, files = digests
    assert len(files) >= 8  # enough files for the worker pool to be used
    one = build([folder], tmp_path / "one", jobs=1, use_cache=False)
    two = build([folder], tmp_path / "two", jobs=2, use_cache=False)
    assert graph_bytes(tmp_path / "one") == graph_bytes(tmp_path / "two")
    assert one.triples == two.triples and one.papers == two.papers == 57


def test_vocabulary_change_invalidates_the_cache(digests, tmp_path, monkeypatch):
    import kg.build as kb

    folder, files = digests
    build([folder], tmp_path / "out", jobs=1)
    monkeypatch.setattr(kb, "extractor_version", lambda vocabulary: "changed")
    report = build([folder], tmp_path / "out", jobs=1)
    assert report.cached_files == 0
    assert sorted(p.name for p in (tmp_path / "out" / "cache").iterdir()) == ["changed"]


def test_rebuild_with_nothing_changed_writes_nothing_and_keeps_warnings(digests, tmp_path):
    folder, files = digests
    (folder / "broken.txt").write_bytes(b"\xff\xfe not text")
    first = build([folder], tmp_path / "out", jobs=1)
    written = (tmp_path / "out" / "graph.ttl").stat().st_mtime_ns
    again = build([folder], tmp_path / "out", jobs=1)
    assert (tmp_path / "out" / "graph.ttl").stat().st_mtime_ns == written
    assert again.cached_files == again.files == len(files) + 1
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems] != []
    assert again.skipped_files == first.skipped_files and first.skipped_files[0].endswith("broken.txt")
    assert (again.papers, again.triples, again.entities) == (first.papers, first.triples, first.entities)
    (tmp_path / "out" / "graph.ttl").unlink()  # an output gone is written again, all merged anew
    assert build([folder], tmp_path / "out", jobs=1).merged_files == len(files) + 1
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")


def test_touched_file_is_not_extracted_again(digests, tmp_path):
    import os

    folder, files = digests
    build([folder], tmp_path / "out", jobs=1)
    os.utime(files[2], ns=(1, 1))
    assert build([folder], tmp_path / "out", jobs=1).cached_files == len(files)


def test_many_files_added_over_two_workers_equal_fresh_build(digests, tmp_path):
    folder, files = digests
    later = files[:8]
    assert len(later) >= 8  # enough new files for the worker pool to be used
    for path in later:
        path.rename(tmp_path / path.name)
    build([folder], tmp_path / "out", jobs=2)
    for path in later:
        (tmp_path / path.name).rename(path)
    report = build([folder], tmp_path / "out", jobs=2)
    assert report.cached_files == len(files) - len(later)
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")


def test_paper_in_two_files_keeps_what_the_other_file_says(digests, tmp_path):
    folder, files = digests
    copy = folder / "cross-listed.txt"
    copy.write_text(files[0].read_text(encoding="utf-8").replace("Transformer", "Mamba"), encoding="utf-8")
    build([folder], tmp_path / "out", jobs=1)
    files[0].unlink()  # the papers stay, now known from the copy only
    build([folder], tmp_path / "out", jobs=1)
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")
    copy.unlink()
    build([folder], tmp_path / "out", jobs=1)
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")


def test_lost_cache_files_give_the_same_graph(digests, tmp_path):
    folder, files = digests
    build([folder], tmp_path / "out", jobs=1)
    [pack] = (tmp_path / "out" / "cache").rglob("*.pack")
    with pack.open("r+b") as handle:  # the last results cut off, the first one spoilt
        handle.truncate(pack.stat().st_size // 2)
        handle.seek(40)
        handle.write(b"spoilt")
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    files[1].unlink()
    build([folder], tmp_path / "out", jobs=1)
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")
    next((tmp_path / "out" / "cache").rglob("state.pickle")).unlink()
    files[2].unlink()
    build([folder], tmp_path / "out", jobs=1)
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")


def test_overview_that_cannot_be_written_fails_the_build_with_a_message(digests, tmp_path):
    from kg.errors import KgError

    folder, _ = digests
    (tmp_path / "out" / "graph.html").mkdir(parents=True)
    with pytest.raises(KgError, match="graph.html"):
        build([folder], tmp_path / "out", jobs=1)
    (tmp_path / "out" / "graph.html").rmdir()
    build([folder], tmp_path / "out", jobs=1)  # and the next build is whole again
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")
    assert (tmp_path / "out" / "graph.html").is_file()


def test_saved_state_takes_its_blocks_back_from_the_graph_file_it_wrote(digests, tmp_path):
    import pickle

    from kg.graph import merge
    from kg.build import process_file
    from kg.vocab import load_vocabulary

    folder, files = digests
    vocabulary = load_vocabulary()
    state = merge([process_file(f.read_bytes(), f.name, vocabulary) for f in files[:4]], vocabulary)
    turtle = b"".join(state.turtle())
    saved = pickle.dumps(state)
    assert len(saved) < len(turtle) / 2  # the blocks are not in it
    again = pickle.loads(saved)
    assert again.read_blocks(turtle) and b"".join(again.turtle()) == turtle
    cut = turtle[: turtle.rindex(b"\n\n")] + b"\n"  # a block short
    assert not pickle.loads(saved).read_blocks(cut)
    assert not pickle.loads(saved).read_blocks(b"not turtle")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_that_cannot_be_read_while_extracted_is_not_cached_as_such(digests, tmp_path, jobs):
    folder, files = digests
    vanishing, away = files[1], tmp_path / "away.txt"

    def take_it_away(_):
        if vanishing.exists():
            vanishing.rename(away)  # after the build hashed it, before a worker reads it

    report = build([folder], tmp_path / "out", jobs=jobs, progress=take_it_away)
    assert any("cannot read" in problem.message for problem in report.problems)
    away.rename(vanishing)  # back as it was: same content, size and modification time
    build([folder], tmp_path / "out", jobs=jobs)
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")


def test_shards_built_apart_and_gathered_merge_without_extracting_again(digests, tmp_path):
    """Past one machine: each shard's results, gathered without the shards' indexes and
    states, are found by content and only merged."""
    folder, files = digests
    half = len(files) // 2
    for shard, part in (("one", files[:half]), ("two", files[half:])):
        build(part, tmp_path / shard, jobs=1)
    merged = tmp_path / "merged" / "cache"
    for shard in ("one", "two"):
        shutil.copytree(tmp_path / shard / "cache", merged, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("index.pickle", "state.*"))
    report = build([folder], tmp_path / "merged", jobs=2)
    assert report.cached_files == len(files)  # nothing extracted again
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "merged") == graph_bytes(tmp_path / "fresh")
    # the gathered results are the merged build's own now, kept for its next builds: one
    # that has lost its graph file merges them all again without extracting
    (tmp_path / "merged" / "graph.ttl").unlink()
    assert build([folder], tmp_path / "merged", jobs=2).cached_files == len(files)


def add_edit_delete(files: list[Path], aside: Path) -> list:
    """Three changes to make one after another: a file added (held back now), one edited,
    one deleted."""
    held_back, edited, deleted = files[3], files[0], files[1]
    held_back.rename(aside / held_back.name)
    return [lambda: (aside / held_back.name).rename(held_back),
            lambda: edited.write_text(edited.read_text(encoding="utf-8").replace("Transformer", "Mamba"),
                                      encoding="utf-8"),
            deleted.unlink]


def saved_state(out: Path):
    """The state a build of ``out`` would start from."""
    from kg.build import _Cache, extractor_version
    from kg.vocab import load_vocabulary

    cache = _Cache(out / "cache", extractor_version(load_vocabulary()), True)
    state = cache.state(cache.index(), out / "graph.ttl")
    cache.results.close()
    return state


def test_updates_are_journaled_and_read_back_as_the_whole_state_saved(digests, tmp_path, monkeypatch):
    """An update appends what it changed to the state's journal rather than saving the
    whole state again; the state read back from both is the one saved whole."""
    folder, files = digests
    steps = add_edit_delete(files, tmp_path)

    def both_ways():
        build([folder], tmp_path / "journaled", jobs=1)
        with monkeypatch.context() as never_journaled:
            never_journaled.setattr("kg.build._JOURNAL_SHARE", 1 << 40)
            build([folder], tmp_path / "whole", jobs=1)

    both_ways()
    [whole_state] = (tmp_path / "journaled" / "cache").rglob("state.pickle")
    first = whole_state.stat().st_mtime_ns
    for step in steps:
        step()
        both_ways()
        journaled, whole = saved_state(tmp_path / "journaled"), saved_state(tmp_path / "whole")
        assert journaled is not None and journaled == whole
        assert journaled._unread[1] == whole._unread[1]  # the blocks' subjects, triples and lengths
        assert graph_bytes(tmp_path / "journaled") == graph_bytes(tmp_path / "whole")
        build([folder], tmp_path / "fresh", jobs=1, use_cache=False)  # the overview too is a fresh build's
        assert (tmp_path / "journaled" / "graph.html").read_bytes() == (tmp_path / "fresh" / "graph.html").read_bytes()
    assert whole_state.stat().st_mtime_ns == first
    assert len(kept.journal(whole_state.with_name("state.journal"))) == len(steps)
    assert not list((tmp_path / "whole" / "cache").rglob("state.journal"))


def test_a_cut_off_journal_gives_the_same_graph(digests, tmp_path):
    folder, files = digests
    build([folder], tmp_path / "out", jobs=1)
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    build([folder], tmp_path / "out", jobs=1)
    [journal] = (tmp_path / "out" / "cache").rglob("state.journal")
    with journal.open("r+b") as handle:
        handle.truncate(journal.stat().st_size - 5)
    files[1].unlink()
    assert build([folder], tmp_path / "out", jobs=1).merged_files == len(files) - 1  # all merged again
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")
    assert not journal.exists()  # the state was saved whole


def test_an_extractor_takes_its_labels_tokens_from_the_last_build(digests, tmp_path, monkeypatch):
    """The vocabulary's labels, tokenized for the matcher, are kept in the build's cache
    and read back by the next build's extractor: the same graph as tokenizing them."""
    import kg.build
    import kg.extract

    folder, files = digests
    held_back = files[3].rename(tmp_path / files[3].name)
    monkeypatch.setattr(kg.build, "_worker_extractor", None)  # as in a new process
    build([folder], tmp_path / "out", jobs=1)
    [saved] = (tmp_path / "out" / "cache").rglob("label-tokens.pickle")

    def tokenized_again(*_):
        raise AssertionError("the labels were tokenized again")

    held_back.rename(files[3])
    with monkeypatch.context() as kept_tokens:
        kept_tokens.setattr(kg.build, "_worker_extractor", None)
        kept_tokens.setattr(kg.extract, "label_tokens_of", tokenized_again)
        assert build([folder], tmp_path / "out", jobs=1).merged_files == 1
    monkeypatch.setattr(kg.build, "_worker_extractor", None)
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")
    # tokens saved for another vocabulary are not used
    kept.save(saved, ("another vocabulary", kept.load(saved)[1]))
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(kg.build, "_worker_extractor", None)
    build([folder], tmp_path / "out", jobs=1)
    assert kept.load(saved)[0] != "another vocabulary"


def test_a_builder_keeps_its_state_between_builds_and_gives_a_fresh_builds_graph(digests, tmp_path, monkeypatch):
    """Builds with one Builder (what ``kg build --watch`` runs) merge into the state the
    last one left, without reading it back, and write what fresh builds write; the state
    they save reads back as the one they kept."""
    from kg.build import Builder, _Cache

    folder, files = digests
    steps = add_edit_delete(files, tmp_path)
    read_back = []
    with Builder(tmp_path / "out", jobs=2) as builder:
        builder.build([folder])
        for step in steps:
            step()
            with monkeypatch.context() as patched:
                patched.setattr(_Cache, "state", lambda *args: read_back.append(args))
                report = builder.build([folder])
            assert report.merged_files == 1 and not read_back
            build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
            assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")
            assert (tmp_path / "out" / "graph.html").read_bytes() == (tmp_path / "fresh" / "graph.html").read_bytes()
            assert saved_state(tmp_path / "out") == builder._last.state


def test_a_builder_reads_the_state_back_when_another_build_wrote_since(digests, tmp_path):
    from kg.build import Builder

    folder, files = digests
    with Builder(tmp_path / "out", jobs=1) as builder:
        builder.build([folder])
        files[0].write_text(files[0].read_text(encoding="utf-8") + "\nMore on GRPO.\n", encoding="utf-8")
        build([folder], tmp_path / "out", jobs=1)  # another process's build, say
        files[1].unlink()
        assert builder.build([folder]).merged_files == 1
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "fresh")


def test_build_watch_updates_the_graph_when_a_file_arrives(digests, tmp_path):
    """``kg build --watch``, end to end: the first build, an update when a file is added,
    and a clean stop on Ctrl-C."""
    import signal
    import subprocess
    import sys
    import threading
    import time

    folder, files = digests
    held_back = files[3]
    held_back.rename(tmp_path / held_back.name)
    out = tmp_path / "out"
    watcher = subprocess.Popen([sys.executable, "-m", "kg", "build", str(folder), "--out", str(out), "--watch",
                                "--interval", "0.2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    said = []
    reader = threading.Thread(target=lambda: said.extend(watcher.stdout), daemon=True)
    reader.start()

    def wait_for_builds(count: int) -> None:
        deadline = time.monotonic() + 120
        while sum("built in" in line for line in said) < count:
            assert time.monotonic() < deadline and watcher.poll() is None, said
            time.sleep(0.1)
        while not any(line.startswith("wrote:") for line in said[-3:]):  # its whole summary
            time.sleep(0.05)

    try:
        wait_for_builds(1)
        first = graph_bytes(out)
        (tmp_path / held_back.name).rename(held_back)
        wait_for_builds(2)
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=30)
        reader.join(timeout=5)
        stderr = watcher.stderr.read()
    assert watcher.returncode == 0, stderr
    assert stderr.strip() == "stopped"
    assert "files read: 14 (13 unchanged, from cache; 1 merged)\n" in said
    build([folder], tmp_path / "fresh", jobs=1, use_cache=False)
    assert graph_bytes(out) == graph_bytes(tmp_path / "fresh") != first


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_build_watch_started_in_the_background_stops_cleanly(digests, tmp_path, stop):
    """Started as from a background job, where Ctrl-C is ignored, ``kg build --watch`` still
    stops on Ctrl-C, and on a service manager's SIGTERM: it says so, and its workers end
    with it."""
    import signal
    import subprocess
    import sys
    import time

    folder, _ = digests
    watcher = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(folder), "--out", str(tmp_path / "out"), "--watch",
         "--interval", "0.2", "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert "built in" in watcher.stdout.readline() + watcher.stdout.readline()
        workers = Path(f"/proc/{watcher.pid}/task/{watcher.pid}/children").read_text().split()
        assert workers
        watcher.send_signal(getattr(signal, stop))
        watcher.wait(timeout=30)
    finally:
        if watcher.poll() is None:
            watcher.kill()
    assert watcher.returncode == 0
    assert watcher.stderr.read().strip() == "stopped"
    deadline = time.monotonic() + 10
    while any(_runs_kg(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_runs_kg(pid) for pid in workers)


def _runs_kg(pid: str) -> bool:
    try:
        return "kg" in Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return False
