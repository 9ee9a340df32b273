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
file. A file that cannot be read is ignored.
"""

import functools
import marshal
import os
import sys
from pathlib import Path

MAX_ENTRIES = 20000     # translations kept before the cache starts over
SAVE_AFTER = 64         # new translations that make a save worth writing

_TRANSLATOR = ("fast.py", "blockgen.py", "counted.py", "codecache.py", "interp.py", "isa.py", "core.py", "mmu.py")


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
        self.entries += 1
        self.unsaved += 1

    def clear(self):
        self.by_start.clear()
        self.entries = self.unsaved = 0
        self.loaded.clear()

    # --- on disk ---------------------------------------------------------------------
    @staticmethod
    def file_in(folder):
        return Path(folder) / f"fast-{version()}.marshal"

    def load(self, path):
        """Merge the translations in path (once per file and process)."""
        path = str(path)
        if path in self.loaded:
            return
        self.loaded.add(path)
        for start, entries in _read(path).items():
            for key, entry in entries.items():
                if self.get(start, key) is None:
                    self.add(start, key, entry)
        self.unsaved = 0

    def save(self, path, force=False):
        """Write the translations to path, merged with what another process
        may have saved there meanwhile, if enough are new (or force)."""
        if not self.unsaved or (self.unsaved < SAVE_AFTER and not force):
            return
        merged = _read(path)
        for start, entries in self.by_start.items():
            merged.setdefault(start, {}).update(entries)
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(merged))
            os.replace(tmp, path)
            for old in path.parent.glob("fast-*.marshal"):
                if old != path:
                    old.unlink(missing_ok=True)     # made by another translator
        except OSError:
            return                  # a cache that cannot be written is only slower
        self.unsaved = 0


def _read(path):
    try:
        data = marshal.loads(Path(path).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


CACHE = CodeCache()
