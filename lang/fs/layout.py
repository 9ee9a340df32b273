"""The on-disk layout of the minos file system, read from kernel/include/unix/fs.h.

The kernel and the host tools must agree on every number and every struct
offset, so those facts live in one place: the C header. This module parses
its `#define NAME expression` lines and its simple structs (fields of type
uint / int / char, optionally arrays) and exposes them to Python. Change
NDIRECT in fs.h and both mkfs and the kernel follow.
"""

import os
import re
import struct as _struct

from vm.errors import MinosError


class LayoutError(MinosError):
    """fs.h could not be understood (a bug in the header, not in an image)."""


KERNEL_INCLUDE = os.path.join(os.path.dirname(__file__), "..", "..", "kernel", "include")
FS_H = os.path.join(KERNEL_INCLUDE, "unix", "fs.h")

# C scalar types the header may use: (size in bytes, struct-module code).
SCALARS = {"uint": (4, "I"), "unsigned int": (4, "I"), "int": (4, "i"),
           "char": (1, "s"), "uchar": (1, "s")}


class Field:
    def __init__(self, name, ctype, count, offset):
        self.name, self.ctype, self.count, self.offset = name, ctype, count, offset

    @property
    def size(self):
        return SCALARS[self.ctype][0] * (self.count or 1)


class Struct:
    """A C struct laid out like the minos compiler does (natural alignment).

    unpack() gives a dict: scalars as ints, uint/int arrays as lists,
    char arrays as bytes. pack() is the inverse.
    """

    def __init__(self, name, fields):
        self.name = name
        self.fields = []
        offset = 0
        align = 1
        for fname, ctype, count in fields:
            size = SCALARS[ctype][0]
            offset = (offset + size - 1) // size * size
            self.fields.append(Field(fname, ctype, count, offset))
            offset += size * (count or 1)
            align = max(align, size)
        self.size = (offset + align - 1) // align * align

    def unpack(self, data, offset=0):
        out = {}
        for f in self.fields:
            at = offset + f.offset
            if f.ctype in ("char", "uchar"):
                out[f.name] = bytes(data[at:at + (f.count or 1)])
            else:
                code = "<%d%s" % (f.count or 1, SCALARS[f.ctype][1])
                values = list(_struct.unpack_from(code, data, at))
                out[f.name] = values if f.count else values[0]
        return out

    def pack(self, values):
        buf = bytearray(self.size)
        for f in self.fields:
            v = values.get(f.name)
            if f.ctype in ("char", "uchar"):
                raw = bytes(v or b"")[:f.count or 1]
                buf[f.offset:f.offset + len(raw)] = raw
            else:
                items = list(v or []) if f.count else [v or 0]
                items += [0] * ((f.count or 1) - len(items))
                code = "<%d%s" % (f.count or 1, SCALARS[f.ctype][1])
                _struct.pack_into(code, buf, f.offset, *items)
        return bytes(buf)


class Header:
    """The constants and structs of one C header."""

    def __init__(self, path):
        self.path = path
        self.consts = {}
        self.structs = {}
        self.unusable = {}      # name -> why its #define is not an integer
        self.included = {os.path.normpath(path)}
        self._read(path)

    def _read(self, path):
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            raise LayoutError(f"{path}: {e.strerror}") from None
        self._parse(text, os.path.dirname(path))

    def const(self, name):
        if name in self.unusable:
            raise LayoutError(f"{self.path}: {self.unusable[name]}")
        if name not in self.consts:
            raise LayoutError(f"{self.path}: no #define {name}")
        return self.consts[name]

    def struct(self, name):
        if name not in self.structs:
            raise LayoutError(f"{self.path}: no struct {name}")
        return self.structs[name]

    # ---- parsing ----

    def _parse(self, text, here):
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        text = re.sub(r"//[^\n]*", "", text)
        for m in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+(\w+)([ \t]+[^\n]*)?$|"
                             r"^[ \t]*#[ \t]*include[ \t]+\"([^\"]+)\"|"
                             r"\bstruct[ \t]+(\w+)\s*\{([^}]*)\}\s*;", text, re.M):
            if m.group(1):
                self._define(m.group(1), (m.group(2) or "").strip())
            elif m.group(3):
                self._include(self._find(m.group(3), here))
            else:
                self._struct(m.group(4), m.group(5))

    @staticmethod
    def _find(name, here):
        """An #include "name": beside the including file, else in kernel/include
        (as the kernel's build finds types.h from kernel/include/unix/fs.h)."""
        beside = os.path.join(here, name)
        return beside if os.path.exists(beside) else os.path.join(KERNEL_INCLUDE, name)

    def _include(self, path):
        path = os.path.normpath(path)
        if path not in self.included:
            self.included.add(path)
            self._read(path)

    def _define(self, name, body):
        if not body:
            return                      # include guard
        # Not every macro is an integer (types.h defines NULL): remember
        # why, and complain only if someone uses it.
        try:
            self.consts[name] = Expr(body, self).value()
        except LayoutError as e:
            self.unusable[name] = f"#define {name}: {e}"

    def _struct(self, name, body):
        fields = []
        for decl in body.split(";"):
            decl = decl.strip()
            if not decl:
                continue
            m = re.fullmatch(r"((?:unsigned\s+)?\w+)\s+(\w+)\s*(?:\[(.*)\])?", decl)
            if not m or m.group(1) not in SCALARS:
                raise LayoutError(f"{self.path}: struct {name}: cannot parse field '{decl}'")
            count = Expr(m.group(3), self).value() if m.group(3) else None
            fields.append((m.group(2), " ".join(m.group(1).split()), count))
        self.structs[name] = Struct(name, fields)


class Expr:
    """An integer constant expression: numbers, names, sizeof(struct X),
    + - * / % << >> and parentheses, evaluated with C's integer rules."""

    TOKEN = re.compile(r"\s*(0[xX][0-9a-fA-F]+|\d+|\w+|<<|>>|[-+*/%()])")
    LEVELS = [("<<", ">>"), ("+", "-"), ("*", "/", "%")]

    def __init__(self, text, header):
        self.header = header
        self.tokens = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            m = self.TOKEN.match(text, pos)
            if not m:
                raise LayoutError(f"cannot parse '{text}'")
            self.tokens.append(m.group(1))
            pos = m.end()
        self.pos = 0

    def value(self):
        v = self._binary(0)
        if self.pos != len(self.tokens):
            raise LayoutError(f"unexpected '{self.tokens[self.pos]}'")
        return v

    def _peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _next(self):
        tok = self._peek()
        if tok is None:
            raise LayoutError("unexpected end of expression")
        self.pos += 1
        return tok

    def _binary(self, level):
        if level == len(self.LEVELS):
            return self._unary()
        v = self._binary(level + 1)
        while self._peek() in self.LEVELS[level]:
            op = self._next()
            rhs = self._binary(level + 1)
            v = {"<<": lambda: v << rhs, ">>": lambda: v >> rhs, "+": lambda: v + rhs,
                 "-": lambda: v - rhs, "*": lambda: v * rhs,
                 "/": lambda: int(v / rhs), "%": lambda: v - int(v / rhs) * rhs}[op]()
        return v

    def _unary(self):
        tok = self._next()
        if tok == "-":
            return -self._unary()
        if tok == "(":
            v = self._binary(0)
            if self._next() != ")":
                raise LayoutError("missing ')'")
            return v
        if tok == "sizeof":
            if self._next() != "(" or self._next() != "struct":
                raise LayoutError("only sizeof(struct NAME) is understood")
            v = self.header.struct(self._next()).size
            if self._next() != ")":
                raise LayoutError("missing ')'")
            return v
        if tok[0].isdigit():
            return int(tok, 0)
        if tok in self.header.consts:
            return self.header.consts[tok]
        if tok in self.header.unusable:
            raise LayoutError(f"uses {self.header.unusable[tok]}")
        raise LayoutError(f"unknown name '{tok}'")


# ---- the facts, read once from fs.h ----

HEADER = Header(os.path.normpath(FS_H))
_c = HEADER.const

BSIZE = _c("BSIZE")
FSMAGIC = _c("FSMAGIC")
ROOTINO = _c("ROOTINO")
MAXOPBLOCKS = _c("MAXOPBLOCKS")
LOGSIZE = _c("LOGSIZE")
NDIRECT = _c("NDIRECT")
NINDIRECT = _c("NINDIRECT")
MAXFILE = _c("MAXFILE")
T_DIR, T_FILE, T_DEVICE = _c("T_DIR"), _c("T_FILE"), _c("T_DEVICE")
IPB = _c("IPB")
BPB = _c("BPB")
DIRSIZ = _c("DIRSIZ")
CONSOLE = _c("CONSOLE")
NULLDEV = _c("NULLDEV")
FSSIZE = _c("FSSIZE")
NINODES = _c("NINODES")

SUPERBLOCK = HEADER.struct("superblock")
LOGHEADER = HEADER.struct("logheader")
DINODE = HEADER.struct("dinode")
DIRENT = HEADER.struct("dirent")

SUPERBLOCK_NO = 1       # the superblock's block number (fs.h: "block 1")
LOGSTART = 2            # where mkfs puts the log, right after the superblock
TYPE_NAMES = {T_DIR: "directory", T_FILE: "file", T_DEVICE: "device"}

assert DINODE.size * IPB == BSIZE, "fs.h: IPB must be BSIZE / sizeof(struct dinode)"
assert LOGHEADER.size <= BSIZE, "fs.h: the log header must fit in one block"


def geometry(size, ninodes):
    """Where each region starts for an image of `size` blocks holding
    `ninodes` inodes: the superblock fields mkfs writes and fsck expects."""
    nlog = LOGSIZE + 1
    ninodeblocks = (ninodes + IPB - 1) // IPB
    nbitmap = (size + BPB - 1) // BPB
    inodestart = LOGSTART + nlog
    bmapstart = inodestart + ninodeblocks
    datastart = bmapstart + nbitmap
    return {"magic": FSMAGIC, "size": size, "nblocks": size - datastart,
            "ninodes": ninodes, "nlog": nlog, "logstart": LOGSTART,
            "inodestart": inodestart, "bmapstart": bmapstart}


def datastart(sb):
    """First data block of an image with superblock `sb` (a dict)."""
    return sb["size"] - sb["nblocks"]
