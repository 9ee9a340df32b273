"""fsck reports each kind of corruption, and every problem at once."""

import pytest

from lang.fs import layout as L
from lang.fs.fsck import check, fsck
from lang.fs.image import FsImage

from tests.fs.fs_helpers import set_bit, write_dirent, write_inode


def problems(img):
    found = check(img)
    assert found, "fsck found nothing wrong"
    return "\n".join(found)


def test_bad_magic(img):
    img.data[L.BSIZE:L.BSIZE + 4] = (0x1234).to_bytes(4, "little")
    assert "bad magic 0x1234" in problems(img)


def test_superblock_size_past_image(img):
    img.data[L.BSIZE + 4:L.BSIZE + 8] = (10_000).to_bytes(4, "little")
    assert "size 10000 blocks but the image has 256" in problems(img)


def test_superblock_region_wrong(img):
    sb = img.sb
    sb["inodestart"] += 1
    img.data[L.BSIZE:L.BSIZE + L.SUPERBLOCK.size] = L.SUPERBLOCK.pack(sb)
    assert "inodestart is" in problems(img)


def test_bad_inode_type(img):
    write_inode(img, img.lookup("/empty"), type=9)
    text = problems(img)
    assert "bad type 9" in text
    assert "/empty: names inode" in text            # the entry now names a non-inode


def test_block_address_out_of_range(img):
    inum = img.lookup("/etc/motd")
    ino = img.inode(inum)
    ino["addrs"][0] = 5000
    write_inode(img, inum, addrs=ino["addrs"])
    text = problems(img)
    assert f"inode {inum}: block 0 address 5000 out of range" in text


def test_metadata_address_in_inode(img):
    inum = img.lookup("/etc/motd")
    ino = img.inode(inum)
    old = ino["addrs"][0]
    ino["addrs"][0] = 3                              # a log block
    write_inode(img, inum, addrs=ino["addrs"])
    text = problems(img)
    assert "address 3 out of range" in text
    assert f"block {old} is marked in use but no inode uses it" in text


def test_indirect_entry_out_of_range(img):
    inum = img.lookup("/big")
    ind = img.inode(inum)["addrs"][L.NDIRECT]
    at = ind * L.BSIZE + 8
    img.data[at:at + 4] = (99999).to_bytes(4, "little")
    assert f"inode {inum}: block {L.NDIRECT + 2} address 99999 out of range" in problems(img)


def test_block_used_twice(img):
    a, b = img.lookup("/etc/motd"), img.lookup("/etc/deep/x")
    shared = img.inode(a)["addrs"][0]
    ino = img.inode(b)
    old = ino["addrs"][0]
    ino["addrs"][0] = shared
    write_inode(img, b, addrs=ino["addrs"])
    text = problems(img)
    assert f"block {shared} used twice" in text
    assert f"block {old} is marked in use but no inode uses it" in text


def test_used_block_marked_free(img):
    addr = img.inode(img.lookup("/bin/prog"))["addrs"][1]
    set_bit(img, addr, 0)
    assert f"bitmap: block {addr} is used by inode" in problems(img)


def test_free_block_marked_used(img):
    set_bit(img, 250, 1)
    assert "bitmap: block 250 is marked in use but no inode uses it" in problems(img)


def test_metadata_block_marked_free(img):
    set_bit(img, 1, 0)
    assert "metadata block 1 is marked free" in problems(img)


def test_entry_names_free_inode(img):
    write_dirent(img, L.ROOTINO, 2, 60, "ghost")      # slot 2 is the first real name
    assert "/ghost: names inode 60, which is free" in problems(img)


def test_entry_name_with_slash(img):
    # mkfs and the kernel never write one; a path lookup could not reach it.
    inum = img.lookup("/empty")
    slot = [n for _, n in img.dir_entries(img.inode(L.ROOTINO))].index("empty")
    write_dirent(img, L.ROOTINO, slot, inum, "b/n")
    assert problems(img) == f"directory /: entry 'b/n' (inode {inum}) has a '/' in its name"


def test_entry_inode_out_of_range(img):
    write_dirent(img, L.ROOTINO, 2, 6000, "far")
    assert "/far: inode number 6000 out of range" in problems(img)


def test_nlink_wrong(img):
    inum = img.lookup("/etc/motd")
    write_inode(img, inum, nlink=3)
    assert f"inode {inum} (file): nlink is 3 but 1 directory entries name it" in problems(img)


def test_dot_wrong(img):
    etc = img.lookup("/etc")
    write_dirent(img, etc, 0, L.ROOTINO, ".")
    text = problems(img)
    assert f"directory /etc: '.' is {L.ROOTINO}, expected {etc}" in text


def test_dotdot_wrong(img):
    deep = img.lookup("/etc/deep")
    write_dirent(img, deep, 1, L.ROOTINO, "..")
    text = problems(img)
    assert f"directory /etc/deep: '..' is {L.ROOTINO}, expected {img.lookup('/etc')}" in text


def test_dot_missing(img):
    etc = img.lookup("/etc")
    write_dirent(img, etc, 0, 0, "")
    assert "directory /etc: '.' is missing" in problems(img)


def test_duplicate_name(img):
    write_dirent(img, L.ROOTINO, 2, img.lookup("/empty"), "empty")
    assert "directory /: name 'empty' appears twice" in problems(img)


def test_directory_with_two_parents(img):
    deep = img.lookup("/etc/deep")
    write_dirent(img, L.ROOTINO, 2, deep, "again")
    assert f"/etc/deep: directory inode {deep} is already in /" in problems(img)


def test_unreachable_inode(img):
    write_inode(img, 60, type=L.T_FILE, nlink=1)
    assert "inode 60 (file, nlink 1) is in use but no directory names it" in problems(img)


def test_root_not_a_directory(img):
    write_inode(img, L.ROOTINO, type=L.T_FILE)
    assert "root inode 1 is not a directory" in problems(img)


def test_inode_zero_in_use(img):
    write_inode(img, 0, type=L.T_FILE)
    assert "inode 0 must stay unused" in problems(img)


def _commit_log(img, home, content):
    """Put a committed, uninstalled one-block transaction in the log."""
    sb = img.sb
    img.write_block(sb["logstart"] + 1, content)
    img.write_block(sb["logstart"], L.LOGHEADER.pack({"n": 1, "block": [home]}))


def test_committed_log_reported_then_replayed(img, tmp_path):
    addr = img.inode(img.lookup("/etc/motd"))["addrs"][0]
    _commit_log(img, addr, b"replayed!\n".ljust(L.BSIZE, b"\0"))
    assert "committed transaction of 1 blocks was not installed" in problems(img)
    path = tmp_path / "fs.img"
    path.write_bytes(img.data)
    lines = []
    assert fsck(str(path), out=lines.append) == 1
    lines = []
    assert fsck(str(path), repair=True, out=lines.append) == 0
    assert lines == [f"{path}: repaired: log: replayed a committed transaction of 1 blocks"]
    fixed = FsImage.open(str(path))
    assert fixed.read_file("/etc/motd") == b"replayed!\n\0\0\0\0\0\0\0"[:17]
    assert fixed.logheader()["n"] == 0
    assert fsck(str(path)) == 0


def test_log_header_too_large(img):
    img.write_block(img.sb["logstart"], L.LOGHEADER.pack({"n": L.LOGSIZE + 1}))
    assert "more than LOGSIZE" in problems(img)


def test_log_names_metadata_block(img):
    _commit_log(img, 1, bytes(L.BSIZE))
    assert "outside the inode, bitmap and data areas: [1]" in problems(img)


def test_every_problem_is_reported(img):
    """Several independent corruptions: each one shows up."""
    motd = img.lookup("/etc/motd")
    write_inode(img, motd, nlink=7)
    set_bit(img, 251, 1)
    write_inode(img, 61, type=L.T_DIR, nlink=1)
    write_dirent(img, L.ROOTINO, 2, 62, "ghost")
    found = check(img)
    text = "\n".join(found)
    assert "nlink is 7" in text
    assert "block 251 is marked in use" in text
    assert "inode 61 (directory, nlink 1) is in use" in text
    assert "names inode 62, which is free" in text
    assert len(found) >= 4


def test_cli_exit_status_and_summary(img, tmp_path, capsys):
    import argparse
    from shell import fs_cmds
    write_inode(img, img.lookup("/etc/motd"), nlink=2)
    set_bit(img, 252, 1)
    path = tmp_path / "bad.img"
    path.write_bytes(img.data)
    parser = argparse.ArgumentParser()
    fs_cmds.register(parser.add_subparsers())
    args = parser.parse_args(["fsck", str(path)])
    assert args.func(args) == 1
    out = capsys.readouterr().out
    assert out.endswith(f"{path}: 2 problems found\n")


def test_missing_image_is_a_clear_error(tmp_path):
    from lang.fs.image import FsError
    with pytest.raises(FsError, match="No such file"):
        fsck(str(tmp_path / "nope.img"))


def test_truncated_image(tmp_path):
    from lang.fs.image import FsError
    (tmp_path / "odd.img").write_bytes(b"x" * 5000)
    with pytest.raises(FsError, match="not a multiple"):
        fsck(str(tmp_path / "odd.img"))


def test_random_damage_never_crashes_fsck(srcdir):
    """Scribble on the metadata blocks (seeded, so reproducible): fsck
    reports problems or a clear error, never a Python exception."""
    import random
    from lang.fs.image import FsError
    from lang.fs.mkfs import build_image
    clean = build_image([str(srcdir)], size=256, ninodes=64)
    rng = random.Random(1234)
    sb = FsImage(clean).sb
    # superblock, log header, inodes, bitmap and the first data blocks (directories)
    targets = [1, sb["logstart"]] + list(range(sb["inodestart"], L.datastart(sb) + 3))
    found = 0
    for trial in range(100):
        data = bytearray(clean)
        for _ in range(rng.randint(1, 6)):
            block = rng.choice(targets)
            at = block * L.BSIZE + rng.randrange(0, 256) * 4
            data[at:at + 4] = rng.choice([0, 1, 2, 3, 0xFFFFFFFF, rng.randrange(1 << 32),
                                          rng.randrange(300)]).to_bytes(4, "little")
        try:
            found += bool(check(FsImage(data)))
        except FsError:
            found += 1
    assert found > 50           # most scribbles hit something fsck can see
