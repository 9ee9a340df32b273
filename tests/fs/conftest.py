import pytest

from lang.fs.image import FsImage
from lang.fs.mkfs import build_image


def _tree(root):
    (root / "bin").mkdir()
    (root / "bin" / "prog").write_bytes(bytes(range(256)) * 40)           # 10 KiB
    (root / "big").write_bytes(bytes(i * 7 % 251 for i in range(300_000)))  # uses the indirect block
    (root / "etc").mkdir()
    (root / "etc" / "motd").write_text("welcome to minos\n")
    (root / "empty").write_bytes(b"")
    (root / "etc" / "deep").mkdir()
    (root / "etc" / "deep" / "x").write_text("x")


@pytest.fixture
def srcdir(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    _tree(src)
    return src


@pytest.fixture
def img(srcdir):
    """A fresh writable image of the test tree (small, to keep tests fast)."""
    return FsImage(bytearray(build_image([str(srcdir)], size=256, ninodes=64)))
