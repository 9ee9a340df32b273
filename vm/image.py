"""The executable image format (docs/formats.md): a header, a segment table, data.

    offset 0   magic  b"MNOS"
           4   version (1)
           8   entry point (virtual address)
          12   number of segments N
          16   N segment entries of 6 little-endian words each:
               vaddr, file offset, file size, memory size, flags, 0
    flags: 1 readable, 2 writable, 4 executable.

Memory beyond a segment's file size (up to its memory size) is zero.
Debug info is never in the image: it lives beside it in IMAGE.dbg.
"""

import struct

from .errors import MinosError
from .record import Record

MAGIC = b"MNOS"
VERSION = 1
HEADER = struct.Struct("<4sIII")
SEGMENT = struct.Struct("<6I")
SEG_R, SEG_W, SEG_X = 1, 2, 4
# No machine has more memory than this (vm/machine.py's largest --mem), so
# no image may need more: the linker refuses to make one, loading refuses one.
MAX_IMAGE_MEMORY = 1024 << 20

# Where images are linked: a kernel at KERNEL_BASE (the 64 KiB below it stay
# unused, so a NULL dereference faults), a user program at
# USER_BASE. The build links at these addresses; the kernel's layout
# (kernel/include/memlayout.h) is built around them.
KERNEL_BASE = 0x00010000
USER_BASE = 0x40000000


class ImageError(MinosError):
    """A malformed image: the message says what is wrong."""


class Segment(Record):
    def __init__(self, vaddr, data, memsize, flags):
        self.vaddr = vaddr
        self.data = data
        self.memsize = memsize
        self.flags = flags

    @property
    def perms(self):
        return "".join(c if self.flags & bit else "-"
                       for c, bit in (("r", SEG_R), ("w", SEG_W), ("x", SEG_X)))


class Image(Record):
    def __init__(self, entry, segments=None):
        self.entry = entry
        self.segments = [] if segments is None else segments

    def to_bytes(self):
        out = bytearray(HEADER.pack(MAGIC, VERSION, self.entry, len(self.segments)))
        offset = HEADER.size + SEGMENT.size * len(self.segments)
        for seg in self.segments:
            out += SEGMENT.pack(seg.vaddr, offset, len(seg.data), seg.memsize, seg.flags, 0)
            offset += len(seg.data)
        for seg in self.segments:
            out += seg.data
        return bytes(out)

    @classmethod
    def from_bytes(cls, blob, name="image"):
        if len(blob) < HEADER.size:
            raise ImageError(f"{name}: too short to be an image ({len(blob)} bytes)")
        magic, version, entry, nsegs = HEADER.unpack_from(blob)
        if magic != MAGIC:
            raise ImageError(f"{name}: not a minos image (bad magic {magic!r})")
        if version != VERSION:
            raise ImageError(f"{name}: unsupported image version {version}")
        if nsegs > 64 or HEADER.size + SEGMENT.size * nsegs > len(blob):
            raise ImageError(f"{name}: segment table ({nsegs} entries) runs past the end of the file")
        image = cls(entry)
        for i in range(nsegs):
            vaddr, off, filesz, memsz, flags, _ = SEGMENT.unpack_from(blob, HEADER.size + SEGMENT.size * i)
            if off + filesz > len(blob):
                raise ImageError(f"{name}: segment {i} data (offset {off}, size {filesz}) runs past the end of the file")
            if memsz < filesz:
                raise ImageError(f"{name}: segment {i} memory size {memsz} is smaller than its file size {filesz}")
            if vaddr + memsz > 1 << 32:
                raise ImageError(f"{name}: segment {i} at {vaddr:#x} size {memsz} wraps the address space")
            image.segments.append(Segment(vaddr, bytes(blob[off:off + filesz]), memsz, flags))
        image.check(name)
        return image

    def check(self, name="image"):
        """Segments that do not overlap and fit in the largest machine: the
        rules every image read from a file must keep (ImageError if not)."""
        total = sum(seg.memsize for seg in self.segments)
        if total > MAX_IMAGE_MEMORY:
            raise ImageError(f"{name}: segments need {total:,} bytes of memory, more than any "
                             f"machine has ({MAX_IMAGE_MEMORY >> 20} MiB)")
        order = sorted(range(len(self.segments)), key=lambda i: self.segments[i].vaddr)
        for i, j in zip(order, order[1:]):
            a, b = self.segments[i], self.segments[j]
            if a.vaddr + a.memsize > b.vaddr:
                raise ImageError(f"{name}: segment {i} ({a.vaddr:#x}-{a.vaddr + a.memsize:#x}) "
                                 f"overlaps segment {j} ({b.vaddr:#x}-{b.vaddr + b.memsize:#x})")

    @classmethod
    def load(cls, path):
        try:
            with open(path, "rb") as f:
                blob = f.read()
        except OSError as e:
            raise ImageError(f"{path}: cannot read image: {e.strerror}") from None
        return cls.from_bytes(blob, str(path))

    def save(self, path):
        with open(path, "wb") as f:
            f.write(self.to_bytes())
