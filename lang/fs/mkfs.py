"""mkfs: build a minos file-system image from host directories.

`build_image(["build/mono/root"], size=2048, ninodes=256)` returns the
bytes of an image whose root directory holds the contents of every given
directory (merged; the same file name twice is an error), plus the device
nodes /dev/console and /dev/null; `make_image("fs.img", dirs, ...)` writes it to a file.
Host files are read in sorted order, so the same inputs always give the
same image. `extend_image(image, files)` turns image = build_image(earlier)
into the image build_image makes of earlier and the files {path: bytes}
(as if they were in one more directory), in place, without reading
earlier's files again (`minos run` adds its script to the built fs.img so
on every run).

The file system has no symbolic links. A host symbolic link is copied as
the regular file it names, and only if that file is inside the same input
directory; a link that leads out of the tree, to a directory, or nowhere is
an error (so mkfs never copies a host file it was not given, and never
loops on a link to a parent directory).
"""

import os

from . import layout as L
from .image import FsError, FsImage

DEVICES = [("console", L.CONSOLE), ("null", L.NULLDEV)]    # the nodes in /dev
MAX_SIZE = 1 << 18      # 1 GiB: the most RAM the machine has, a sane cap for a teaching disk


class Builder:
    """Lays out an image in memory (a new one, or `image`: a bytearray of
    the right size holding one, extend_image): inodes and data blocks are
    handed out in increasing order, and the bitmap is written at the end."""

    def __init__(self, size, ninodes, image=None):
        if not 0 < size <= MAX_SIZE:
            raise FsError(f"--size {size}: must be between 1 and {MAX_SIZE} blocks")
        if not 2 <= ninodes <= size * L.IPB:
            raise FsError(f"--inodes {ninodes}: must be at least 2 (inode 0 is never "
                          f"used) and fit in the image")
        self.sb = L.geometry(size, ninodes)
        if self.sb["nblocks"] < 1:
            raise FsError(f"--size {size}: too small for the metadata "
                          f"({L.datastart(self.sb)} blocks) plus any data")
        self.image = bytearray(size * L.BSIZE) if image is None else image
        self.next_inum = L.ROOTINO
        self.next_block = L.datastart(self.sb)
        self.inodes = {}        # inum -> dict (struct dinode), written at the end

    # ---- allocation ----

    def alloc_inode(self, itype, major=0, minor=0):
        if self.next_inum >= self.sb["ninodes"]:
            raise FsError(f"out of inodes ({self.sb['ninodes']}); use a larger --inodes")
        inum = self.next_inum
        self.next_inum += 1
        self.inodes[inum] = {"type": itype, "major": major, "minor": minor,
                             "nlink": 0, "size": 0, "addrs": [0] * (L.NDIRECT + 1)}
        return inum

    def alloc_block(self):
        if self.next_block >= self.sb["size"]:
            raise FsError(f"image full ({self.sb['size']} blocks); use a larger --size")
        b = self.next_block
        self.next_block += 1
        return b

    # ---- contents ----

    def append(self, inum, data):
        """Append bytes to inode inum, allocating blocks as needed."""
        ino = self.inodes[inum]
        data = bytes(data)
        while data:
            off = ino["size"]
            fbn = off // L.BSIZE
            if fbn >= L.MAXFILE:
                raise FsError(f"file too large (the limit is {L.MAXFILE * L.BSIZE} bytes)")
            addr = self._bmap(ino, fbn)
            start = addr * L.BSIZE + off % L.BSIZE
            n = min(len(data), L.BSIZE - off % L.BSIZE)
            self.image[start:start + n] = data[:n]
            ino["size"] += n
            data = data[n:]

    def _bmap(self, ino, fbn):
        """Disk address of file block fbn, allocating it (and the indirect
        block) on first use."""
        if fbn < L.NDIRECT:
            if not ino["addrs"][fbn]:
                ino["addrs"][fbn] = self.alloc_block()
            return ino["addrs"][fbn]
        if not ino["addrs"][L.NDIRECT]:
            ino["addrs"][L.NDIRECT] = self.alloc_block()
        at = ino["addrs"][L.NDIRECT] * L.BSIZE + (fbn - L.NDIRECT) * 4
        addr = int.from_bytes(self.image[at:at + 4], "little")
        if not addr:
            addr = self.alloc_block()
            self.image[at:at + 4] = addr.to_bytes(4, "little")
        return addr

    def add_entry(self, dir_inum, name, inum):
        """Add directory entry `name` -> inum (counts a link unless it is ".")."""
        raw = os.fsencode(name)     # the host's bytes, even if they are not UTF-8
        if not raw or len(raw) > L.DIRSIZ or "/" in name or "\0" in name:
            raise FsError(f"'{name}': a name must be 1 to {L.DIRSIZ} bytes, without '/'")
        self.append(dir_inum, L.DIRENT.pack({"inum": inum, "name": raw}))
        if name != ".":
            self.inodes[inum]["nlink"] += 1

    def mkdir(self, parent):
        """A new empty directory (with "." and "..") inside parent (or the
        root itself when parent is None); the caller adds its name."""
        inum = self.alloc_inode(L.T_DIR)
        self.add_entry(inum, ".", inum)
        self.add_entry(inum, "..", parent or inum)
        return inum

    # ---- output ----

    def finish(self):
        """Write the superblock, the inodes and the bitmap into the image."""
        at = L.SUPERBLOCK_NO * L.BSIZE
        self.image[at:at + L.SUPERBLOCK.size] = L.SUPERBLOCK.pack(self.sb)
        for inum, ino in self.inodes.items():
            at = (self.sb["inodestart"] + inum // L.IPB) * L.BSIZE + (inum % L.IPB) * L.DINODE.size
            self.image[at:at + L.DINODE.size] = L.DINODE.pack(ino)
        # Blocks [0, next_block) are in use: metadata, then what we allocated.
        for b in range(self.next_block):
            at = (self.sb["bmapstart"] + b // L.BPB) * L.BSIZE + (b % L.BPB) // 8
            self.image[at] |= 1 << (b % 8)


def build_image(dirs, size=L.FSSIZE, ninodes=L.NINODES):
    """The bytes of an image holding the contents of the host directories."""
    b = Builder(size, ninodes)
    root = b.mkdir(None)
    assert root == L.ROOTINO
    tree = _tree(dirs)
    if "dev" not in tree:
        tree["dev"] = {}
    if not isinstance(tree["dev"], dict):
        raise FsError("'dev' must be a directory (it holds the device nodes)")
    for name, major in DEVICES:
        if name in tree["dev"]:
            raise FsError(f"/dev/{name} is made by mkfs; remove it from the input")
        tree["dev"][name] = ("device", major, 0)
    _fill(b, root, tree)
    b.finish()
    return bytes(b.image)


def extend_image(image, files):
    """Add files {path in the image: bytes} to image, a bytearray holding
    build_image(earlier), in place, so that it holds exactly the bytes of
    build_image(earlier + [a directory of those files]) (same size and
    inodes); True if done. build_image hands out inodes and blocks in
    increasing order as it fills the tree in sorted order, so the new
    files come after all the old ones exactly when every name at the top
    of their paths sorts after every name in the image's root directory
    (`etc` after `bin` and `dev`). If not, or if the image's inodes and
    blocks are not handed out that way (not made by mkfs), False and the
    image is untouched: build the image from all the files instead."""
    old = FsImage(image)
    sb = old.sb
    if sb != L.geometry(sb["size"], sb["ninodes"]) or len(image) != sb["size"] * L.BSIZE:
        return False
    root = old.inode(L.ROOTINO)
    if root["type"] != L.T_DIR:
        return False
    names = [os.fsdecode(name.encode("latin-1")) for _, name in old.dir_entries(root)]
    tree = _files_tree(files)
    if tree and min(tree) <= max((n for n in names if n not in (".", "..")), default=""):
        return False
    inodes = b"".join(old.block(sb["inodestart"] + i) for i in range((sb["ninodes"] + L.IPB - 1) // L.IPB))
    types = [int.from_bytes(inodes[at:at + 4], "little")          # (type: the first uint)
             for at in range(0, sb["ninodes"] * L.DINODE.size, L.DINODE.size)]
    used_inodes = sum(1 for t in types if t)
    bitmap = int.from_bytes(b"".join(old.block(sb["bmapstart"] + i)
                                     for i in range((sb["size"] + L.BPB - 1) // L.BPB)), "little")
    used_blocks = bitmap.bit_length()
    if (any(types[:L.ROOTINO]) or not all(types[L.ROOTINO:L.ROOTINO + used_inodes])
            or bitmap != (1 << used_blocks) - 1):
        return False                # not laid out the way build_image lays out
    b = Builder(sb["size"], sb["ninodes"], image)
    b.inodes = {L.ROOTINO: root}
    b.next_inum = L.ROOTINO + used_inodes
    b.next_block = used_blocks
    _fill(b, L.ROOTINO, tree)
    b.finish()
    return True


def _tree(dirs):
    """The contents of the host directories, merged (_scan)."""
    tree = {}
    for d in dirs:
        if not os.path.isdir(d):
            raise FsError(f"{d}: not a directory")
        _merge(tree, _scan(d, os.path.realpath(d)), d)
    return tree


def _files_tree(files):
    """{path: bytes} as the tree _scan makes of a directory holding them."""
    tree = {}
    for path, data in sorted(files.items()):
        parts = [part for part in path.split("/") if part]
        if not parts:
            raise FsError(f"'{path}': not a file's path")
        *folders, name = parts
        node = tree
        for depth, folder in enumerate(folders):
            node = node.setdefault(folder, {})
            if not isinstance(node, dict):
                raise FsError(f"'{path}': '{'/'.join(folders[:depth + 1])}' is a file")
        if name in node:
            raise FsError(f"'{path}' is given twice, or is also a folder")
        node[name] = bytes(data)
    return tree


def _scan(path, top):
    """A host directory as {name: subtree dict | host file path}; top is the
    real path of the input directory it is in."""
    out = {}
    for name in sorted(os.listdir(path)):
        full = os.path.join(path, name)
        if os.path.islink(full):
            out[name] = _link_target(full, top)
        elif os.path.isdir(full):
            out[name] = _scan(full, top)
        elif os.path.isfile(full):
            out[name] = full
        else:
            raise FsError(f"{full}: not a regular file or directory")
    return out


def _link_target(link, top):
    """The file a symbolic link names, if it is a regular file inside top."""
    target = os.path.realpath(link)
    says = os.readlink(link)
    if os.path.commonpath([top, target]) != top:
        raise FsError(f"{link}: a symbolic link to '{says}', outside {top} "
                      f"(mkfs copies only files inside its input directories)")
    if not os.path.isfile(target):
        raise FsError(f"{link}: a symbolic link to '{says}', which is not a regular file "
                      f"(mkfs copies a link only as the file it names)")
    return target


def _merge(into, tree, origin):
    for name, node in tree.items():
        if name not in into:
            into[name] = node
        elif isinstance(into[name], dict) and isinstance(node, dict):
            _merge(into[name], node, origin)
        else:
            raise FsError(f"{origin}: '{name}' is also in an earlier directory")


def _fill(b, dir_inum, tree):
    for name in sorted(tree):
        node = tree[name]
        if isinstance(node, dict):
            inum = b.mkdir(dir_inum)
            b.add_entry(dir_inum, name, inum)
            _fill(b, inum, node)
        elif isinstance(node, tuple):
            _, major, minor = node
            inum = b.alloc_inode(L.T_DEVICE, major, minor)
            b.add_entry(dir_inum, name, inum)
        else:                       # a host file's path, or (extend_image) its bytes
            inum = b.alloc_inode(L.T_FILE)
            b.add_entry(dir_inum, name, inum)
            data, where = (node, name) if isinstance(node, bytes) else (_read(node), node)
            try:
                b.append(inum, data)
            except FsError as e:
                raise FsError(f"{where}: {e}") from None


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise FsError(f"{path}: {e.strerror}") from None


def make_image(path, dirs, size=L.FSSIZE, ninodes=L.NINODES):
    """Write the image of the host directories `dirs` to path."""
    data = build_image(dirs, size, ninodes)
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as e:
        raise FsError(f"{path}: {e.strerror}") from None


mkfs = make_image       # the name of the command
