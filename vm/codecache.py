"""Compiled blocks of the fast engine, shared by every machine in the process
and, if asked, kept on disk between runs.

Compiling a block costs as much as running it hundreds of times, and a test
suite or a course boots the same kernel over and over. So compiled code is
kept by what it was made from: a trace of instructions (their machine words
and virtual addresses) in one paging mode. A cached translation is used only
where memory holds exactly those instructions at those addresses, so the
cache changes how fast the machine is, never what it does.

On disk the cache is one marshal file whose name carries a hash of the
translator's sources and the Python version: a change to either starts a new
file. A file that cannot be read is ignored. What a run translates anew is
saved as it closes in a small journal file beside it (writing only the new
translations costs about a millisecond, so a run that adds a few is not
left to translate them again every time); once there are JOURNALS of them
they are merged into the main file.
"""

import functools
import marshal
import os
import sys
from pathlib import Path

MAX_ENTRIES = 20000     # translations kept before the cache starts over
JOURNALS = 16           # journal files beside the main file before they are merged into it

_TRANSLATOR = ("fast.py", "blockgen.py", "blockops.py", "region.py", "counted.py", "codecache.py",
               "interp.py", "isa.py", "core.py", "mmu.py")


@functools.cache
def version():
    """The hash in the cache file's name: worked out the first time a
    machine keeps translations on disk (hashing the sources costs start-up
    time every other run would pay for nothing)."""
    import hashlib
    h = hashlib.sha256(sys.implementation.cache_tag.encode())
    here = Path(__file__).resolve().parent
    for name in _TRANSLATOR:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


class CodeCache:
    """start -> {key: entry}. A key is (paging, ((word0, word1, vaddr), ...)):
    the machine words and address of each instruction of a trace; its start
    is the first of those triples; an entry is what the translator made."""

    def __init__(self):
        self.by_start = {}
        self.entries = 0
        self.unsaved = 0
        self.new = {}               # start -> {key: entry} added since the last save
        self.loaded = set()         # files merged in already

    def get(self, start, key):
        return self.by_start.get(start, {}).get(key)

    def candidates(self, start):
        """The (key, entry) pairs cached for traces beginning at start."""
        return self.by_start.get(start, {}).items()

    def add(self, start, key, entry):
        if self.entries >= MAX_ENTRIES:
            self.by_start.clear()
            self.entries = 0
        self.by_start.setdefault(start, {})[key] = entry
        self.new.setdefault(start, {})[key] = entry
        self.entries += 1
        self.unsaved += 1

    def clear(self):
        self.by_start.clear()
        self.new.clear()
        self.entries = self.unsaved = 0
        self.loaded.clear()

    # --- on disk ---------------------------------------------------------------------
    @staticmethod
    def file_in(folder):
        return Path(folder) / f"fast-{version()}.marshal"

    def saved_in(self, folder):
        """Whether folder holds translations by this translator (its file
        or a journal): none after the translator changed."""
        path = self.file_in(folder)
        return path.is_file() or bool(self.journals(path))

    @staticmethod
    def journals(path):
        """The journal files of the cache file at path."""
        path = Path(path)
        return sorted(path.parent.glob(f"{path.stem}.*.journal"))

    def load(self, path):
        """Merge the translations in path and its journals (once per file
        and process)."""
        path = str(path)
        if path in self.loaded:
            return
        self.loaded.add(path)
        for file in [path] + self.journals(path):
            for start, entries in _read(file).items():
                for key, entry in entries.items():
                    if self.get(start, key) is None:
                        self.add(start, key, entry)
        self.new.clear()
        self.unsaved = 0

    def save(self, path, force=False):
        """Write the translations added since the last save to a journal
        beside path; merge the journals into path when there are JOURNALS
        of them, or if forced."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if self.unsaved:
                _write_new(path.parent / f"{path.stem}.{os.getpid()}.journal", marshal.dumps(self.new))
            self.new.clear()
            self.unsaved = 0
            journals = self.journals(path)
            if journals and (force or len(journals) >= JOURNALS):
                _merge(path, journals)
        except OSError:
            return                  # a cache that cannot be written is only slower


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
    remove them, and the files of other translators."""
    merged = _read(path)
    for journal in journals:
        for start, entries in _read(journal).items():
            merged.setdefault(start, {}).update(entries)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps(merged))
    os.replace(tmp, path)
    for journal in journals:
        journal.unlink(missing_ok=True)
    for old in path.parent.glob("fast-*"):
        if not old.name.startswith(path.stem + "."):
            old.unlink(missing_ok=True)     # made by another translator


def _read(path):
    try:
        data = marshal.loads(Path(path).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


CACHE = CodeCache()
