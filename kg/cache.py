"""What a build keeps for the next one, under ``OUT/cache/<extractor version>/``.

- ``packs/*.pack``: per-file results (pickled ``FileGraph``s), appended one after
  another to a pack that each build opens when it has something to keep. A record is
  the file's content key (32 bytes), the length of the result (4 bytes, big-endian)
  and the result, so a pack names what it holds: packs from several machines can be
  gathered in one folder and used without any index.
- ``index.pickle``: what the last build read (each file's key, size, modification time
  and where its result is) and wrote; ``state.pickle``: the graph state it merged, and
  ``state.journal``: records of what each update since changed in it (see ``journal``);
  ``label-tokens.pickle``: the vocabulary's labels as the extractor's matcher takes them.

A year of digests is twelve thousand results: one file each cost the build's workers
seconds of system time creating them; appending them to one pack costs almost nothing.
Results of files that changed or went are left in their packs until those packs are
mostly dead weight, then the live ones are copied to a new pack and the old removed.
"""
from __future__ import annotations

import gc
import os
import pickle
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, NamedTuple

_HEADER = 36  # a record's content key (32 bytes) and length (4)
# Packs are copied to a new one when their dead records outweigh the live ones by this
# much, or when a long run of small updates has left many of them.
_DEAD_BYTES = 4 << 20
_MAX_PACKS = 32


class Location(NamedTuple):
    """Where a result is: its pack's file name, the offset of its bytes and their length."""

    pack: str
    offset: int
    length: int


class ResultStore:
    """Pickled per-file results, looked up by content key."""

    def __init__(self, folder: Path, enabled: bool = True):
        self.folder = folder / "packs"
        self.enabled = enabled
        self.where: dict[str, Location] = {}
        self._writing: tuple[str, int] | None = None  # this build's pack: name, descriptor
        self._reading: dict[str, object] = {}

    def __bool__(self) -> bool:
        """Whether any result is known: a first build has none to look up."""
        return bool(self.where)

    def know(self, located: Iterable[tuple[str, Location]]) -> None:
        """Take the locations the last build's index gives, and those of every record of
        a pack it did not write (gathered from other machines, or its index was lost)."""
        if not self.enabled:
            return
        self.where.update(located)
        indexed = {location.pack for location in self.where.values()}
        for pack in self._packs():
            if pack not in indexed:
                self.where.update(_records(self.folder / pack))

    def get(self, key: str) -> bytes | None:
        """A result's pickled bytes, or None if it is not here (or not whole)."""
        location = self.where.get(key) if self.enabled else None
        if location is None:
            return None
        try:
            handle = self._reading.get(location.pack) or self._reading.setdefault(
                location.pack, open(self.folder / location.pack, "rb"))
            handle.seek(location.offset - _HEADER)
            record = handle.read(_HEADER + location.length)
        except OSError:
            return None
        if len(record) != _HEADER + location.length or record[:32] != bytes.fromhex(key):
            return None
        return record[_HEADER:]

    def put(self, key: str, data: bytes) -> Location | None:
        """Append a result to this build's pack; where it went."""
        if not self.enabled:
            return None
        if self._writing is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            name = f"{uuid.uuid4().hex}.pack"
            self._writing = (name, os.open(self.folder / name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666))
        name, fd = self._writing
        offset = os.lseek(fd, 0, os.SEEK_END) + _HEADER
        os.write(fd, bytes.fromhex(key) + len(data).to_bytes(4, "big") + data)
        self.where[key] = location = Location(name, offset, len(data))
        return location

    def close(self) -> None:
        if self._writing is not None:
            os.close(self._writing[1])
            self._writing = None
        for handle in self._reading.values():
            handle.close()
        self._reading.clear()

    def collect(self, live: dict[str, Location]) -> dict[str, Location]:
        """Remove the packs that hold no live result; when dead records outweigh the live
        ones, or packs are many, first copy the live ones to a new pack. The live
        results' locations, as they now are."""
        if not self.enabled:
            return live
        packs = self._packs()
        sizes = {pack: (self.folder / pack).stat().st_size for pack in packs}
        live_bytes = sum(location.length + _HEADER for location in live.values())
        if len(packs) > _MAX_PACKS or sum(sizes.values()) - live_bytes > max(live_bytes, _DEAD_BYTES):
            live = self._copied(live)
        used = {location.pack for location in live.values()}
        self.close()
        for pack in packs:
            if pack not in used:
                (self.folder / pack).unlink(missing_ok=True)
        return live

    def _copied(self, live: dict[str, Location]) -> dict[str, Location]:
        self.close()
        moved = {}
        for key in sorted(live, key=lambda k: live[k]):  # pack by pack, in order: reads run forward
            self.where[key] = live[key]
            data = self.get(key)
            if data is not None:
                moved[key] = self.put(key, data)
        return moved

    def _packs(self) -> list[str]:
        try:
            return sorted(p.name for p in self.folder.iterdir() if p.suffix == ".pack")
        except OSError:
            return []


def _records(path: Path) -> Iterable[tuple[str, Location]]:
    """The whole records of a pack, by reading their headers (a cut-off last one is left)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            offset = 0
            while offset + _HEADER <= size:
                handle.seek(offset)
                header = handle.read(_HEADER)
                length = int.from_bytes(header[32:], "big")
                if offset + _HEADER + length > size:
                    return
                yield header[:32].hex(), Location(path.name, offset + _HEADER, length)
                offset += _HEADER + length
    except OSError:
        return


# --- whole files: the index and the state ------------------------------------------------

# What unpickling bytes that are cut off, spoilt or from an older kg can raise.
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError, ValueError,
               IndexError, KeyError, MemoryError)


def load(path: Path):
    """A pickled object, or None when it is missing or unreadable."""
    try:
        with path.open("rb") as handle, collector_paused():
            return pickle.load(handle)
    except _UNREADABLE:
        return None


def loads(data: bytes):
    """``pickle.loads``, or None when the bytes are unreadable."""
    try:
        with collector_paused():
            return pickle.loads(data)
    except _UNREADABLE:
        return None


def save(path: Path, value: object) -> None:
    """Pickle ``value`` to ``path``, whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, path)


def journal(path: Path) -> list:
    """The whole records of a journal (see ``append``), in order; a cut-off or spoilt
    one ends it."""
    records = []
    try:
        with path.open("rb") as handle, collector_paused():
            while True:
                records.append(pickle.load(handle))
    except _UNREADABLE:
        return records


def append(path: Path, record: bytes) -> None:
    """Append a pickled record to the journal at ``path``, in one call, so that a build
    that stops midway leaves at worst a cut-off last record, which ends the journal."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
    try:
        os.write(fd, record)
    finally:
        os.close(fd)


def remove_other_versions(root: Path, keep: Path) -> None:
    """Results of other extractor versions can never be used again."""
    for child in root.iterdir():
        if child.is_dir() and child != keep:
            shutil.rmtree(child, ignore_errors=True)


@contextmanager
def collector_paused():
    """Python's cycle collector off while a pickle loads or results are merged: a year's
    state is a few million objects without cycles, and the collector kept walking them
    (a third of a load). What was made meanwhile is then frozen (moved out of the
    collector's sight): they are the long-lived state, and the first collection after
    resuming would otherwise walk all of them at once, a second's pause."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
