"""mkfs builds images that read back correctly and pass fsck."""

import pytest

from lang.fs import layout as L
from lang.fs.fsck import check, fsck
from lang.fs.image import FsImage, FsError
from lang.fs.mkfs import build_image


def test_layout_comes_from_fs_h():
    assert L.BSIZE == 4096
    assert L.DINODE.size == 64 and L.IPB == 64
    assert L.DIRENT.size == 4 + L.DIRSIZ
    assert L.SUPERBLOCK.size == 32
    assert [f.name for f in L.SUPERBLOCK.fields] == [
        "magic", "size", "nblocks", "ninodes", "nlog", "logstart", "inodestart", "bmapstart"]
    assert L.MAXFILE * L.BSIZE >= 1 << 20          # files of at least 1 MiB


def test_fresh_image_is_clean_and_holds_the_tree(img, srcdir):
    assert check(img) == []
    assert img.listdir("/") == ["big", "bin", "dev", "empty", "etc"]
    assert img.listdir("/etc") == ["deep", "motd"]
    assert img.read_file("/etc/motd") == b"welcome to minos\n"
    assert img.read_file("/big") == (srcdir / "big").read_bytes()
    assert img.read_file("/bin/prog") == (srcdir / "bin" / "prog").read_bytes()
    assert img.read_file("/empty") == b""
    assert img.read_file("/etc/deep/x") == b"x"


def test_device_nodes(img):
    assert img.listdir("/dev") == ["console", "null"]
    ino = img.inode(img.lookup("/dev/console"))
    assert (ino["type"], ino["major"], ino["nlink"]) == (L.T_DEVICE, L.CONSOLE, 1)
    ino = img.inode(img.lookup("/dev/null"))
    assert (ino["type"], ino["major"], ino["nlink"]) == (L.T_DEVICE, L.NULLDEV, 1)


def test_directory_links_and_dots(img):
    etc = img.lookup("/etc")
    entries = dict((n, i) for i, n in img.dir_entries(img.inode(etc)))
    assert entries["."] == etc and entries[".."] == L.ROOTINO
    # nlink counts the names of an inode other than its own ".":
    # /etc's entry in / plus the ".." of /etc/deep.
    assert img.inode(etc)["nlink"] == 2
    assert img.inode(L.ROOTINO)["nlink"] == 1 + 3     # its own ".." + bin, dev, etc


def test_several_directories_merge_into_root(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "bin").mkdir(parents=True)
    (b / "bin").mkdir(parents=True)
    (a / "bin" / "ls").write_text("ls")
    (b / "bin" / "cat").write_text("cat")
    (b / "README").write_text("hi")
    im = FsImage(build_image([str(a), str(b)], size=128, ninodes=32))
    assert im.listdir("/bin") == ["cat", "ls"]
    assert im.read_file("/README") == b"hi"
    assert check(im) == []


def test_same_file_in_two_directories_is_an_error(tmp_path):
    for d in "ab":
        (tmp_path / d).mkdir()
        (tmp_path / d / "f").write_text(d)
    with pytest.raises(FsError, match="'f' is also in an earlier directory"):
        build_image([str(tmp_path / "a"), str(tmp_path / "b")], size=128, ninodes=32)


def test_same_image_every_time(srcdir):
    assert build_image([str(srcdir)], 256, 64) == build_image([str(srcdir)], 256, 64)


def test_superblock_matches_options(srcdir):
    im = FsImage(build_image([str(srcdir)], size=300, ninodes=100))
    sb = im.sb
    assert (sb["magic"], sb["size"], sb["ninodes"]) == (L.FSMAGIC, 300, 100)
    assert sb["nlog"] == L.LOGSIZE + 1 and sb["logstart"] == 2
    assert sb["inodestart"] == 2 + sb["nlog"]
    assert sb["bmapstart"] == sb["inodestart"] + 2      # 100 inodes: 2 blocks
    assert sb["nblocks"] == 300 - (sb["bmapstart"] + 1)
    assert len(im.data) == 300 * L.BSIZE


@pytest.mark.parametrize("size,inodes,message", [
    (0, 32, "--size 0"),
    (20, 32, "too small"),
    (64, 1, "--inodes 1"),
])
def test_bad_options(tmp_path, size, inodes, message):
    with pytest.raises(FsError, match=message):
        build_image([str(tmp_path)], size=size, ninodes=inodes)


def test_image_full(srcdir):
    with pytest.raises(FsError, match="image full"):
        build_image([str(srcdir)], size=60, ninodes=64)


def test_out_of_inodes(srcdir):
    with pytest.raises(FsError, match="out of inodes"):
        build_image([str(srcdir)], size=256, ninodes=5)


def test_file_too_large(tmp_path):
    (tmp_path / "huge").write_bytes(bytes(L.MAXFILE * L.BSIZE + 1))
    with pytest.raises(FsError, match="file too large"):
        build_image([str(tmp_path)], size=1200, ninodes=32)


def test_name_too_long(tmp_path):
    (tmp_path / ("n" * (L.DIRSIZ + 1))).write_text("")
    with pytest.raises(FsError, match="a name must be 1 to 28 bytes"):
        build_image([str(tmp_path)], size=128, ninodes=32)
    (tmp_path / ("n" * (L.DIRSIZ + 1))).unlink()
    (tmp_path / ("n" * L.DIRSIZ)).write_text("ok")      # exactly DIRSIZ is allowed
    im = FsImage(build_image([str(tmp_path)], size=128, ninodes=32))
    assert im.read_file("/" + "n" * L.DIRSIZ) == b"ok"
    assert check(im) == []


def test_symlink_out_of_the_tree_is_an_error(tmp_path):
    secret = tmp_path / "host-secret"
    secret.write_text("not for the image")
    root = tmp_path / "root"
    root.mkdir()
    (root / "leak").symlink_to(secret)
    with pytest.raises(FsError) as e:
        build_image([str(root)], size=128, ninodes=32)
    assert str(e.value) == (f"{root}/leak: a symbolic link to '{secret}', outside {root} "
                            f"(mkfs copies only files inside its input directories)")
    (root / "leak").unlink()
    (root / "up").symlink_to("../host-secret")         # relative, still outside
    with pytest.raises(FsError, match="outside"):
        build_image([str(root)], size=128, ninodes=32)


def test_symlink_to_a_file_inside_the_tree_is_copied_as_that_file(tmp_path):
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "motd").write_text("hi\n")
    (tmp_path / "motd").symlink_to("etc/motd")
    im = FsImage(build_image([str(tmp_path)], size=128, ninodes=32))
    assert im.read_file("/motd") == b"hi\n"
    assert im.lookup("/motd") != im.lookup("/etc/motd")    # a copy, not a link
    assert check(im) == []


@pytest.mark.parametrize("target, why", [(".", "which is not a regular file"),
                                         ("nowhere", "which is not a regular file")])
def test_symlink_to_a_directory_or_nothing_is_an_error(tmp_path, target, why):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "loop").symlink_to(".." if target == "." else target)
    with pytest.raises(FsError, match=why):
        build_image([str(tmp_path)], size=128, ninodes=32)


def test_missing_input_directory(tmp_path):
    with pytest.raises(FsError, match="not a directory"):
        build_image([str(tmp_path / "nope")])


def test_cli_mkfs_then_fsck(srcdir, tmp_path, capsys):
    import argparse
    from shell import fs_cmds
    parser = argparse.ArgumentParser()
    fs_cmds.register(parser.add_subparsers())
    out = tmp_path / "fs.img"
    args = parser.parse_args(["mkfs", str(out), str(srcdir), "--size", "200", "--inodes", "40"])
    assert args.func(args) == 0
    assert out.stat().st_size == 200 * L.BSIZE
    args = parser.parse_args(["fsck", str(out)])
    assert args.func(args) == 0
    assert capsys.readouterr().out == ""
    assert fsck(str(out)) == 0


def test_host_name_that_is_not_utf8_is_copied_as_its_bytes(tmp_path):
    # os.listdir gives such a name with surrogates; encoding it as UTF-8 raised
    (tmp_path / "\udcffname").write_text("x")
    im = FsImage(build_image([str(tmp_path)], size=128, ninodes=32))
    assert im.read_file("/\xffname") == b"x"        # FsImage reads names as latin-1
    assert check(im) == []
