"""mkfs.extend_image: files added in place to an image mkfs made give
exactly the bytes mkfs makes of all the files at once (`minos run` adds its
script to the built fs.img this way), or it declines and leaves the image
as it was."""

from lang.fs.image import FsError

import pytest

from lang.fs.fsck import check
from lang.fs.image import FsImage
from lang.fs.mkfs import build_image, extend_image

SIZE, INODES = 256, 64


def folder(path, files):
    for name, data in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(data)
    return path


@pytest.fixture
def base(tmp_path):
    return folder(tmp_path / "base", {"bin/prog": bytes(range(256)) * 40, "bin/sh": b"#" * 5000,
                                      "big": bytes(i * 7 % 251 for i in range(300_000))})


@pytest.mark.parametrize("files", [
    {"etc/minos-run": b"echo hi\n"},
    {"etc/minos-run": b"x" * 70_000, "etc/other": b""},      # through the indirect block
    {"zz": b"a file at the top", "home/u/notes": b"deep"},
])
def test_extending_gives_the_bytes_of_one_build(base, tmp_path, files):
    extra = folder(tmp_path / "extra", files)
    image = bytearray(build_image([str(base)], SIZE, INODES))
    assert extend_image(image, files)
    assert image == build_image([str(base), str(extra)], SIZE, INODES)
    assert check(FsImage(image)) == []


def test_nothing_to_add_changes_nothing(base, tmp_path):
    image = bytearray(build_image([str(base)], SIZE, INODES))
    assert extend_image(image, {})
    assert image == build_image([str(base)], SIZE, INODES)


@pytest.mark.parametrize("files", [
    {"bin/more": b"into a folder that is there already"},
    {"aaa": b"sorts before bin"},
    {"dev/extra": b"sorts before what follows dev"},
])
def test_names_that_do_not_sort_last_are_declined(base, tmp_path, files):
    """A name that sorts before an old one would take an inode and blocks
    build_image hands to an old file: extend_image declines, untouched."""
    image = bytearray(build_image([str(base)], SIZE, INODES))
    before = bytes(image)
    assert not extend_image(image, files)
    assert image == before


def test_an_image_not_laid_out_by_mkfs_is_declined(base, tmp_path):
    """An image the OS has written (a freed block, a freed inode) no longer
    has mkfs's layout: declined."""
    extra = {"etc/minos-run": b"ls\n"}
    image = bytearray(build_image([str(base)], SIZE, INODES))
    sb = FsImage(image).sb
    first = sb["size"] - sb["nblocks"]
    image[sb["bmapstart"] * 4096 + first // 8] &= ~(1 << first % 8) & 0xFF       # first data block freed
    assert not extend_image(image, extra)
    image = bytearray(build_image([str(base)], SIZE, INODES))
    at = sb["inodestart"] * 4096 + 3 * 64
    image[at:at + 4] = bytes(4)                                                    # inode 3 freed
    assert not extend_image(image, extra)
    assert not extend_image(bytearray(len(image)), extra)                   # no file system at all
    assert not extend_image(bytearray(b"\xff" * 4096 * SIZE), extra)


@pytest.mark.parametrize("files,why", [({"etc/x": b"1", "etc/x/y": b"2"}, "'etc/x' is a file"),
                                       ({"/": b""}, "not a file's path")])
def test_files_that_cannot_be_laid_out_say_why(base, files, why):
    image = bytearray(build_image([str(base)], SIZE, INODES))
    with pytest.raises(FsError, match=why):
        extend_image(image, files)
