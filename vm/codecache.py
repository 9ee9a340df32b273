"""Compiled blocks of the fast engine, shared by every machine in the process
and, if asked, kept on disk between runs.

Compiling a block costs as much as running it hundreds of times, and a test
suite or a course boots the same kernel over and over. So compiled code is
kept by what it was made from: a trace of instructions (their machine words
and virtual addresses) in one paging mode. A cached translation is used only
where memory holds exactly those instructions at those addresses, so the
cache changes how fast the machine is, never what it does.

On disk the cache is one file whose name carries a hash of the vm's
sources (the translator's, and all it builds on) and the Python version:
a change to either starts a new file. A file that cannot be read is
ignored. What a run translates anew is saved as it closes in a small
journal file beside it (writing only the new translations costs about a
millisecond, so a run that adds a few is not left to translate them again
every time); once there are JOURNALS of them they are merged into the main
file.

A file holds its translations grouped by their start, each group marshalled
on its own, after an index of where each group is. Loading a file maps it
and reads its index only; a group is read and unmarshalled when a machine
first asks for translations at its start (unmarshalling code objects is
most of the cost of loading, and a run may use a small part of what the
cache holds: the cache keeps what every kernel, test and program run with
it translated).
"""

import functools
import marshal
import os
import sys
from pathlib import Path

MAX_ENTRIES = 20000     # translations kept before the cache starts over
JOURNALS = 16           # journal files beside the main file before they are merged into it
_HEAD = 8               # a file: the index's length (8 bytes, little-endian), the index, the groups


@functools.cache
def version():
    """The hash in the cache file's name: of the Python version and every
    source file of vm/ (what a translation is made by, and the machine it
    runs in). Worked out the first time a machine keeps translations on
    disk (hashing the sources costs start-up time every other run would
    pay for nothing)."""
    return _version_of(Path(__file__).resolve().parent)


def _version_of(folder):
    import hashlib
    h = hashlib.sha256(sys.implementation.cache_tag.encode())
    for path in sorted(Path(folder).glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


class CodeCache:
    """start -> {key: entry}. A key is (paging, ((word0, word1, vaddr), ...)):
    the machine words and address of each instruction of a trace; its start
    is the first of those triples; an entry is what the translator made."""

    def __init__(self):
        self.by_start = {}
        self.entries = 0            # translations held: in memory, and in files loaded
        self.unsaved = 0
        self.new = {}               # start -> {key: entry} added since the last save
        self.loaded = set()         # files merged in already
        self.on_disk = []           # (file's bytes, where its groups begin, its index) of files loaded

    def get(self, start, key):
        entries = self.by_start.get(start)
        if entries is None:
            entries = self._unmarshal(start)
            if entries is None:
                return None
        return entries.get(key)

    def candidates(self, start):
        """The (key, entry) pairs cached for traces beginning at start."""
        entries = self.by_start.get(start)
        if entries is None:
            entries = self._unmarshal(start)
            if entries is None:
                return ()
        return entries.items()

    def add(self, start, key, entry):
        if self.entries >= MAX_ENTRIES:
            self.by_start.clear()
            self.on_disk.clear()
            self.entries = 0
        if start not in self.by_start:
            self._unmarshal(start)
        self.by_start.setdefault(start, {})[key] = entry
        self.new.setdefault(start, {})[key] = entry
        self.entries += 1
        self.unsaved += 1

    def clear(self):
        self.by_start.clear()
        self.on_disk.clear()
        self.new.clear()
        self.entries = self.unsaved = 0
        self.loaded.clear()

    def _unmarshal(self, start):
        """The translations at start from the files loaded that hold them
        (each start's are taken out of a file's index once), or None if
        none does."""
        entries = None
        for data, base, index in self.on_disk:
            held = index.pop(start, None)
            if held is None:
                continue
            offset, size, count = held
            if entries is None:
                entries = self.by_start.setdefault(start, {})
            self.entries -= count
            for key, entry in _group(memoryview(data)[base + offset:base + offset + size]).items():
                if key not in entries:
                    entries[key] = entry
                    self.entries += 1
        return entries

    # --- on disk ---------------------------------------------------------------------
    @staticmethod
    def file_in(folder):
        return Path(folder) / f"fast-{version()}.cache"

    def saved_in(self, folder):
        """Whether folder holds translations by this translator (its file
        or a journal): none after the translator changed."""
        path = self.file_in(folder)
        return path.is_file() or bool(self.journals(path))

    @staticmethod
    def journals(path):
        """The journal files of the cache file at path (listed, not globbed:
        the folder is the build cache's, with hundreds of object files)."""
        path = Path(path)
        prefix = path.stem + "."
        try:
            names = os.listdir(path.parent)
        except OSError:
            return []
        return sorted(path.parent / name for name in names
                      if name.startswith(prefix) and name.endswith(".journal"))

    def load(self, path):
        """Take in the index of the translations in path and its journals
        (once per file and process); each start's are unmarshalled when
        first asked for."""
        path = str(path)
        if path in self.loaded:
            return
        self.loaded.add(path)
        for file in [path] + self.journals(path):
            data, base, index = _read(file)
            if not index:
                continue
            self.on_disk.append((data, base, index))
            self.entries += sum(count for _, _, count in index.values())
            for start in [start for start in index if start in self.by_start]:
                self._unmarshal(start)              # (asked for already: merged in now)

    def save(self, path, force=False):
        """Write the translations added since the last save to a journal
        beside path; merge the journals into path when there are JOURNALS
        of them, or if forced."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if self.unsaved:
                _write_new(path.parent / f"{path.stem}.{os.getpid()}.journal",
                           _file({start: (marshal.dumps(entries), len(entries))
                                  for start, entries in self.new.items()}))
            self.new.clear()
            self.unsaved = 0
            journals = self.journals(path)
            if journals and (force or len(journals) >= JOURNALS):
                _merge(path, journals)
            elif len(journals) == 1 and not path.exists():
                _remove_others(path)        # the first save of a new translator
        except OSError:
            return                  # a cache that cannot be written is only slower


def _file(groups):
    """The bytes of a cache file holding {start: (marshalled group, count)}."""
    index, offset = {}, 0
    for start, (group, count) in groups.items():
        index[start] = (offset, len(group), count)
        offset += len(group)
    head = marshal.dumps(index)
    return len(head).to_bytes(_HEAD, "little") + head + b"".join(group for group, _ in groups.values())


def _read(path):
    """(the file's bytes, mapped: only the pages of the groups unmarshalled
    are read; where its groups begin; its index {start: (offset from
    there, size, count)}), or (b"", 0, {}) if it cannot be read."""
    import mmap
    try:
        with open(path, "rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        n = int.from_bytes(data[:_HEAD], "little")
        index = marshal.loads(data[_HEAD:_HEAD + n])
    except (OSError, EOFError, ValueError, TypeError):
        return b"", 0, {}
    return (data, _HEAD + n, index) if isinstance(index, dict) else (b"", 0, {})


def _group(data):
    """The {key: entry} marshalled in data; {} if damaged (the code is
    translated again when it proves hot)."""
    try:
        group = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    return group if isinstance(group, dict) else {}


def _write_new(stem, data):
    """Write data to a file named after stem that no one else writes: the
    first of stem, stem.1, stem.2 ... not there yet."""
    n = 0
    while True:
        name = stem if not n else stem.with_name(f"{stem.stem}.{n}{stem.suffix}")
        try:
            with open(name, "xb") as f:
                f.write(data)
            return
        except FileExistsError:
            n += 1


def _merge(path, journals):
    """Merge the journals into the file at path (atomically replaced), then
    remove them, and the files of other translators. A start only one file
    has is copied as it is; the others are unmarshalled and merged. A file
    that would hold more than MAX_ENTRIES // 2 translations starts over
    from the journals' (the most recent)."""
    held = [_read(file) for file in [path] + journals]
    if sum(count for _, _, index in held for _, _, count in index.values()) > MAX_ENTRIES // 2:
        held = held[1:]
    sources = {}
    for data, base, index in held:
        for start, (offset, size, count) in index.items():
            sources.setdefault(start, []).append((data[base + offset:base + offset + size], count))
    groups = {}
    for start, groups_of_start in sources.items():
        if len(groups_of_start) == 1:
            groups[start] = groups_of_start[0]
            continue
        merged = {}
        for group, _ in groups_of_start:
            merged.update(_group(group))
        groups[start] = (marshal.dumps(merged), len(merged))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(_file(groups))
    os.replace(tmp, path)
    for journal in journals:
        journal.unlink(missing_ok=True)
    _remove_others(path)


def _remove_others(path):
    """Remove the cache files beside path made by other translators."""
    for old in os.listdir(path.parent):
        if old.startswith("fast-") and not old.startswith(path.stem + "."):
            (path.parent / old).unlink(missing_ok=True)


CACHE = CodeCache()
