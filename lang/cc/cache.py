"""The build cache: object files stored under the hash of what made them.

A key covers everything that decides an object's bytes: the preprocessed
source (so an edited header changes it), the file name (it is in the debug
info), the options, and the toolchain version (a hash of the compiler's and
assembler's own sources, so changing the compiler invalidates old objects).
Entries live in $MINOS_CACHE if set, else build/cache/ in the project root.
"""

import hashlib
import os
from pathlib import Path

from lang.obj import ObjectFile, ObjectError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_TOOL_DIRS = ("lang/cc", "lang/asm", "lang/cc/include")
_TOOL_FILES = ("lang/obj.py",)
_version = None


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
        return ObjectFile.load(str(path))
    except (ObjectError, OSError, ValueError):
        return None             # a damaged entry is just a miss


def store(k, obj):
    d = cache_dir()
    try:
        d.mkdir(parents=True, exist_ok=True)
        tmp = d / (k + ".o.tmp%d" % os.getpid())
        obj.save(str(tmp))
        os.replace(tmp, d / (k + ".o"))
    except (OSError, ObjectError):
        pass                    # caching is an optimisation; never fail a build for it
