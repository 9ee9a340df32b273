"""Helpers that damage an image on purpose, for the fsck tests."""

from lang.fs import layout as L


def write_inode(img, inum, **fields):
    ino = img.inode(inum)
    ino.update(fields)
    sb = img.sb
    at = (sb["inodestart"] + inum // L.IPB) * L.BSIZE + (inum % L.IPB) * L.DINODE.size
    img.data[at:at + L.DINODE.size] = L.DINODE.pack(ino)


def set_bit(img, b, value):
    at = (img.sb["bmapstart"] + b // L.BPB) * L.BSIZE + (b % L.BPB) // 8
    if value:
        img.data[at] |= 1 << (b % 8)
    else:
        img.data[at] &= ~(1 << (b % 8)) & 0xFF


def write_dirent(img, dir_inum, slot, inum, name):
    """Overwrite entry number `slot` of a directory (within its first block)."""
    addr = img.inode(dir_inum)["addrs"][0]
    at = addr * L.BSIZE + slot * L.DIRENT.size
    img.data[at:at + L.DIRENT.size] = L.DIRENT.pack({"inum": inum, "name": name.encode()})
