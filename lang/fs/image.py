"""Read a minos file-system image: blocks, superblock, inodes, directories.

A small, forgiving reader shared by fsck, mkfs's tests and anyone who wants
to look inside fs.img from Python. Forgiving means it never raises on a
damaged image when it can return something sensible (fsck decides what is
wrong); reading a file of a bad image raises FsError with the reason.
"""

import struct

from vm.errors import MinosError

from . import layout as L


class FsError(MinosError):
    """A file-system image is missing, malformed, or does not fit."""


class FsImage:
    def __init__(self, data):
        if len(data) % L.BSIZE:
            raise FsError(f"image size {len(data)} is not a multiple of {L.BSIZE}-byte blocks")
        self.data = data
        self.nblocks_on_disk = len(data) // L.BSIZE
        self.start = 0                  # its first block in the file (open)

    @classmethod
    def open(cls, path, writable=False, start=0):
        """The image in the file at path, from its block `start` on (a disk
        whose file system follows something else: exo's boot bundle)."""
        try:
            with open(path, "rb") as f:
                f.seek(start * L.BSIZE)
                data = f.read()
        except OSError as e:
            raise FsError(f"{path}: {e.strerror}") from None
        try:
            image = cls(bytearray(data) if writable else data)
        except FsError as e:
            raise FsError(f"{path}: {e}") from None
        image.start = start
        return image

    def save(self, path):
        try:
            with open(path, "r+b" if self.start else "wb") as f:
                f.seek(self.start * L.BSIZE)
                f.write(self.data)
        except OSError as e:
            raise FsError(f"{path}: {e.strerror}") from None

    # ---- blocks ----

    def block(self, n):
        """The BSIZE bytes of block n (a read-only view)."""
        if not 0 <= n < self.nblocks_on_disk:
            raise FsError(f"block {n} is past the end of the image ({self.nblocks_on_disk} blocks)")
        return memoryview(self.data)[n * L.BSIZE:(n + 1) * L.BSIZE]

    def write_block(self, n, content):
        assert len(content) <= L.BSIZE
        self.data[n * L.BSIZE:n * L.BSIZE + len(content)] = content

    # ---- metadata ----

    @property
    def sb(self):
        return L.SUPERBLOCK.unpack(self.block(L.SUPERBLOCK_NO))

    def logheader(self):
        return L.LOGHEADER.unpack(self.block(self.sb["logstart"]))

    def inode(self, inum):
        """Inode inum as a dict (fields of struct dinode)."""
        sb = self.sb
        blk = sb["inodestart"] + inum // L.IPB
        return L.DINODE.unpack(self.block(blk), (inum % L.IPB) * L.DINODE.size)

    def bitmap_bit(self, b):
        """True when the bitmap marks block b as in use."""
        blk = self.block(self.sb["bmapstart"] + b // L.BPB)
        bit = b % L.BPB
        return bool(blk[bit // 8] & (1 << (bit % 8)))

    def bitmap(self):
        """The whole bitmap as a list of booleans, one per block (including
        the unused bits after the last block)."""
        sb = self.sb
        nbitmap = (sb["size"] + L.BPB - 1) // L.BPB
        raw = b"".join(bytes(self.block(sb["bmapstart"] + i)) for i in range(nbitmap))
        return [bool(byte >> bit & 1) for byte in raw for bit in range(8)]

    # ---- file contents ----

    def indirect_addrs(self, addr):
        """The NINDIRECT block addresses held in indirect block addr."""
        return list(struct.unpack("<%dI" % L.NINDIRECT, self.block(addr)))

    def file_blocks(self, ino):
        """The data block addresses of inode `ino` (a dict), in file order,
        up to its size. A hole (address 0) is returned as 0."""
        count = (ino["size"] + L.BSIZE - 1) // L.BSIZE
        if count > L.MAXFILE:
            raise FsError(f"size {ino['size']} is larger than the largest file")
        addrs = list(ino["addrs"][:L.NDIRECT])
        if count > L.NDIRECT:
            ind = ino["addrs"][L.NDIRECT]
            addrs += self.indirect_addrs(ind) if ind else [0] * L.NINDIRECT
        return addrs[:count]

    def read_inode_data(self, ino):
        out = bytearray()
        for addr in self.file_blocks(ino):
            out += bytes(self.block(addr)) if addr else bytes(L.BSIZE)
        return bytes(out[:ino["size"]])

    def dir_entries(self, ino):
        """[(inum, name)] of the used slots of directory inode `ino`."""
        data = self.read_inode_data(ino)
        out = []
        for off in range(0, len(data) - L.DIRENT.size + 1, L.DIRENT.size):
            d = L.DIRENT.unpack(data, off)
            if d["inum"]:
                out.append((d["inum"], d["name"].split(b"\0")[0].decode("latin-1")))
        return out

    # ---- paths ----

    def lookup(self, path):
        """Inode number of absolute `path`, or raise FsError."""
        inum = L.ROOTINO
        for part in [p for p in path.split("/") if p]:
            ino = self.inode(inum)
            if ino["type"] != L.T_DIR:
                raise FsError(f"{path}: not a directory on the way")
            found = dict((name, n) for n, name in self.dir_entries(ino))
            if part not in found:
                raise FsError(f"{path}: no such file or directory")
            inum = found[part]
        return inum

    def read_file(self, path):
        return self.read_inode_data(self.inode(self.lookup(path)))

    def listdir(self, path="/"):
        ino = self.inode(self.lookup(path))
        if ino["type"] != L.T_DIR:
            raise FsError(f"{path}: not a directory")
        return sorted(name for _, name in self.dir_entries(ino) if name not in (".", ".."))
