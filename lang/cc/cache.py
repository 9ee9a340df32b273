"""The build cache: object files stored under the hash of what made them.

A key covers everything that decides an object's bytes: the preprocessed
source (so an edited header changes it), the file name (it is in the debug
info), the options, and the toolchain version (a hash of the compiler's and
assembler's own sources, so changing the compiler invalidates old objects).
Entries live in $MINOS_CACHE if set, else build/cache/ in the project root.

The cache is bounded: every CHECK_EVERY stores it is measured, and past
MAX_BYTES the objects used least recently (a hit touches its file) are
deleted down to three quarters of that. Objects a changed toolchain can no
longer use go first that way.
"""

import hashlib
import os
from pathlib import Path

from lang.obj import ObjectFile, ObjectError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_TOOL_DIRS = ("lang/cc", "lang/asm", "lang/cc/include")
_TOOL_FILES = ("lang/obj.py",)
_version = None
MAX_BYTES = 256 << 20
CHECK_EVERY = 64
_stores = 0


def cache_dir():
    env = os.environ.get("MINOS_CACHE")
    return Path(env) if env else PROJECT_ROOT / "build" / "cache"


def toolchain_version():
    """Hash of the compiler and assembler sources (computed once per process)."""
    global _version
    if _version is None:
        h = hashlib.sha256()
        files = [PROJECT_ROOT / f for f in _TOOL_FILES]
        for d in _TOOL_DIRS:
            root = PROJECT_ROOT / d
            if root.is_dir():
                files += sorted(p for p in root.iterdir()
                                if p.suffix in (".py", ".lark", ".h") and p.is_file())
        for p in files:
            if p.exists():
                h.update(str(p.relative_to(PROJECT_ROOT)).encode())
                h.update(p.read_bytes())
        _version = h.hexdigest()
    return _version


def key(*parts):
    h = hashlib.sha256(toolchain_version().encode())
    for part in parts:
        h.update(b"\0")
        h.update(part.encode() if isinstance(part, str) else part)
    return h.hexdigest()


def lookup(k):
    """The cached ObjectFile for key k, or None."""
    path = cache_dir() / (k + ".o")
    if not path.exists():
        return None
    try:
        obj = ObjectFile.load(str(path))
        os.utime(path)          # used now: pruned last
        return obj
    except (ObjectError, OSError, ValueError):
        return None             # a damaged (or just pruned) entry is just a miss


def store(k, obj):
    d = cache_dir()
    try:
        d.mkdir(parents=True, exist_ok=True)
        tmp = d / (k + ".o.tmp%d" % os.getpid())
        obj.save(str(tmp))
        os.replace(tmp, d / (k + ".o"))
    except (OSError, ObjectError):
        return                  # caching is an optimisation; never fail a build for it
    global _stores
    _stores += 1
    if _stores % CHECK_EVERY == 0:
        prune(d)


def prune(d, limit=MAX_BYTES):
    """If the objects in folder d take more than limit bytes, delete the
    least recently used down to three quarters of it. Other processes may
    be pruning too: a file already gone is skipped."""
    entries = []
    for path in d.glob("*.o"):
        try:
            st = path.stat()
        except OSError:
            continue
        entries.append((st.st_mtime, st.st_size, path))
    total = sum(size for _, size, _ in entries)
    if total <= limit:
        return
    for _, size, path in sorted(entries):
        if total <= limit * 3 // 4:
            break
        try:
            path.unlink()
        except OSError:
            pass
        total -= size
