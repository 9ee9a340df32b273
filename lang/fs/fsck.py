"""fsck: check a minos file-system image and report every inconsistency.

check(image) returns a list of problems (strings), empty when the image is
consistent. The checks, in order:

 1. superblock: magic number, sizes, and regions that match the layout
    mkfs writes (if these are wrong nothing else can be trusted: stop);
 2. log: a committed transaction that was not installed (with repair=True
    it is replayed first, exactly as the kernel does at boot);
 3. inodes: known types, sizes, block addresses inside the data area,
    no block used twice;
 4. bitmap: every used block marked, every marked block used;
 5. directories (walked from the root): entries name inodes in use,
    "." and ".." are right, names are unique and hold no "/", no directory
    has two parents;
 6. link counts: nlink equals the number of entries naming the inode
    (not counting a directory's own "."), and every inode in use is
    reachable from "/".
"""

from . import layout as L
from .image import FsImage, FsError


class Checker:
    def __init__(self, img, repair=False):
        self.img = img
        self.repair = repair
        self.problems = []
        self.repaired = []

    def report(self, msg):
        self.problems.append(msg)

    def run(self):
        if not self.check_superblock():
            return self.problems
        self.check_log()
        owners = self.check_inodes()
        self.check_bitmap(owners)
        refs = self.check_directories()
        self.check_links(refs)
        return self.problems

    # ---- 1. superblock ----

    def check_superblock(self):
        img = self.img
        if img.nblocks_on_disk < 2:
            self.report(f"image has {img.nblocks_on_disk} blocks: too small for a superblock")
            return False
        sb = img.sb
        if sb["magic"] != L.FSMAGIC:
            self.report(f"superblock: bad magic {sb['magic']:#x} (expected {L.FSMAGIC:#x})")
            return False
        if sb["size"] > img.nblocks_on_disk:
            self.report(f"superblock: size {sb['size']} blocks but the image has "
                        f"{img.nblocks_on_disk}")
            return False
        if sb["ninodes"] < 2 or sb["ninodes"] > sb["size"] * L.IPB:
            self.report(f"superblock: ninodes {sb['ninodes']} is impossible")
            return False
        want = L.geometry(sb["size"], sb["ninodes"])
        ok = True
        for field in ("nlog", "logstart", "inodestart", "bmapstart", "nblocks"):
            if sb[field] != want[field]:
                self.report(f"superblock: {field} is {sb[field]}, expected {want[field]} "
                            f"for size {sb['size']} and ninodes {sb['ninodes']}")
                ok = False
        return ok

    # ---- 2. log ----

    def check_log(self):
        sb = self.img.sb
        lh = self.img.logheader()
        n = lh["n"]
        if n == 0:
            return
        if n > L.LOGSIZE:
            self.report(f"log: header says {n} blocks, more than LOGSIZE {L.LOGSIZE}")
            return
        bad = [b for b in lh["block"][:n] if not sb["inodestart"] <= b < sb["size"]]
        if bad:
            self.report(f"log: committed transaction names blocks outside the inode, "
                        f"bitmap and data areas: {bad}")
            return
        if not self.repair:
            self.report(f"log: a committed transaction of {n} blocks was not installed "
                        f"(run with --repair to replay it)")
            return
        for i, home in enumerate(lh["block"][:n]):
            self.img.write_block(home, bytes(self.img.block(sb["logstart"] + 1 + i)))
        self.img.write_block(sb["logstart"], L.LOGHEADER.pack({"n": 0}))
        self.repaired.append(f"log: replayed a committed transaction of {n} blocks")

    # ---- 3. inodes and their blocks ----

    def check_inodes(self):
        """Check every inode; return {block: owner description} for the
        blocks the inodes use."""
        sb = self.img.sb
        first, end = L.datastart(sb), sb["size"]
        owners = {}
        self.in_use = {}
        for inum in range(sb["ninodes"]):
            ino = self.img.inode(inum)
            if ino["type"] == 0:
                continue
            if inum == 0:
                self.report(f"inode 0 has type {ino['type']}: inode 0 must stay unused")
                continue
            if ino["type"] not in L.TYPE_NAMES:
                self.report(f"inode {inum}: bad type {ino['type']}")
                continue
            self.in_use[inum] = ino
            if ino["size"] > L.MAXFILE * L.BSIZE:
                self.report(f"inode {inum}: size {ino['size']} is larger than the largest "
                            f"file ({L.MAXFILE * L.BSIZE})")
            for what, addr in self._inode_addrs(inum, ino, first, end):
                if addr in owners:
                    self.report(f"block {addr} used twice: by {owners[addr]} and by "
                                f"inode {inum} ({what})")
                else:
                    owners[addr] = f"inode {inum} ({what})"
        return owners

    def _inode_addrs(self, inum, ino, first, end):
        """(description, address) of every valid nonzero block address of an
        inode, reporting the ones outside the data area."""
        def valid(what, addr):
            if first <= addr < end:
                return True
            self.report(f"inode {inum}: {what} address {addr} out of range "
                        f"(data blocks are {first}..{end - 1})")
            return False

        for i, addr in enumerate(ino["addrs"][:L.NDIRECT]):
            if addr and valid(f"block {i}", addr):
                yield f"block {i}", addr
        ind = ino["addrs"][L.NDIRECT]
        if ind and valid("indirect block", ind):
            yield "indirect block", ind
            for i, addr in enumerate(self.img.indirect_addrs(ind)):
                if addr and valid(f"block {L.NDIRECT + i}", addr):
                    yield f"block {L.NDIRECT + i}", addr

    # ---- 4. bitmap ----

    def check_bitmap(self, owners):
        sb = self.img.sb
        first = L.datastart(sb)
        bits = self.img.bitmap()
        for b in range(first):
            if not bits[b]:
                self.report(f"bitmap: metadata block {b} is marked free")
        for b in range(first, sb["size"]):
            used, marked = b in owners, bits[b]
            if used and not marked:
                self.report(f"bitmap: block {b} is used by {owners[b]} but marked free")
            elif marked and not used:
                self.report(f"bitmap: block {b} is marked in use but no inode uses it")
        # Bits past the end of the image must stay clear.
        nbits = (sb["size"] + L.BPB - 1) // L.BPB * L.BPB
        extra = [b for b in range(sb["size"], nbits) if bits[b]]
        if extra:
            self.report(f"bitmap: {len(extra)} blocks past the end of the image "
                        f"are marked in use (first {extra[0]})")

    # ---- 5. directories ----

    def check_directories(self):
        """Walk the tree from the root; return {inum: entries naming it}
        (not counting "."), for the link-count check."""
        refs = {}
        root = self.in_use.get(L.ROOTINO)
        if not root or root["type"] != L.T_DIR:
            self.report(f"root inode {L.ROOTINO} is not a directory")
            return refs
        self.parent = {L.ROOTINO: L.ROOTINO}
        todo = [L.ROOTINO]
        while todo:
            dnum = todo.pop(0)
            for child in self._check_dir(dnum, refs):
                todo.append(child)
        return refs

    def _check_dir(self, dnum, refs):
        """Check one directory; return the subdirectories to visit next."""
        ino = self.in_use[dnum]
        path = self._path(dnum)
        if ino["size"] % L.DIRENT.size:
            self.report(f"directory {path} (inode {dnum}): size {ino['size']} is not a "
                        f"multiple of {L.DIRENT.size}")
        try:
            entries = self.img.dir_entries(ino)
        except FsError as e:
            self.report(f"directory {path} (inode {dnum}): cannot read: {e}")
            return []
        names = {}
        subdirs = []
        for inum, name in entries:
            where = f"{path.rstrip('/')}/{name}"
            if name in names:
                self.report(f"directory {path}: name '{name}' appears twice")
            names[name] = inum
            if not name:
                self.report(f"directory {path}: entry with an empty name (inode {inum})")
            elif "/" in name:
                self.report(f"directory {path}: entry '{name}' (inode {inum}) has a '/' "
                            f"in its name")
            if inum >= self.img.sb["ninodes"]:
                self.report(f"{where}: inode number {inum} out of range")
                continue
            if inum not in self.in_use:
                self.report(f"{where}: names inode {inum}, which is free")
                continue
            if name != ".":
                refs[inum] = refs.get(inum, 0) + 1
            if name in (".", ".."):
                continue
            if self.in_use[inum]["type"] == L.T_DIR:
                if inum in self.parent:
                    self.report(f"{where}: directory inode {inum} is already in "
                                f"{self._path(self.parent[inum])}")
                    continue
                self.parent[inum] = dnum
                subdirs.append(inum)
        if names.get(".") != dnum:
            self.report(f"directory {path}: '.' is {names.get('.', 'missing')}, "
                        f"expected {dnum}")
        if names.get("..") != self.parent[dnum]:
            self.report(f"directory {path}: '..' is {names.get('..', 'missing')}, "
                        f"expected {self.parent[dnum]}")
        return subdirs

    def _path(self, dnum):
        """A directory's path, rebuilt from the parents found so far."""
        parts = []
        while dnum != L.ROOTINO:
            parent = self.parent[dnum]
            parts.append(next((n for i, n in self.img.dir_entries(self.in_use[parent])
                               if i == dnum and n not in (".", "..")), f"#{dnum}"))
            dnum = parent
        return "/" + "/".join(reversed(parts))

    # ---- 6. link counts and reachability ----

    def check_links(self, refs):
        for inum, ino in sorted(self.in_use.items()):
            kind = L.TYPE_NAMES[ino["type"]]
            if inum not in refs:
                self.report(f"inode {inum} ({kind}, nlink {ino['nlink']}) is in use but "
                            f"no directory names it")
            elif ino["nlink"] != refs[inum]:
                self.report(f"inode {inum} ({kind}): nlink is {ino['nlink']} but "
                            f"{refs[inum]} directory entries name it")


def check(img, repair=False):
    """Problems found in FsImage `img` (an empty list: consistent). With
    repair=True a committed log is replayed into img.data first (which must
    then be a bytearray); Checker.repaired lists what was done."""
    c = Checker(img, repair)
    c.run()
    return c.problems


def fsck(path, repair=False, out=print, start=0):
    """Check the image at path (from its block `start` on), print what is
    found; return the exit status."""
    img = FsImage.open(path, writable=repair, start=start)
    c = Checker(img, repair)
    problems = c.run()
    for msg in c.repaired:
        out(f"{path}: repaired: {msg}")
    if c.repaired:
        img.save(path)
    for msg in problems:
        out(f"{path}: {msg}")
    if problems:
        out(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''} found")
        return 1
    return 0
