"""A build whose inputs are as they were does nothing (shell/build.py): it
knows by their names, sizes, times and inodes (inputs_stat) without reading
them; where those changed it compares their contents' hash (inputs_digest);
and a file whose bytes changed is never taken for the same, though its
size and modification time were put back."""

import os

import pytest

from shell import build as B


class Rebuilt(Exception):
    pass


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A small source tree whose last build is up to date (its stamp and
    images written), with build's compiling replaced by raising Rebuilt
    and inputs_digest counting its calls."""
    root = tmp_path / "tree"
    for name, text in {"kernel/mono/main.c": "int main;\n", "userland/bin/ls.c": "int ls;\n",
                       "lang/cc/x.py": "X = 1\n", "servers/s.c": "", "libos/l.c": ""}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    out = tmp_path / "out"
    out.mkdir()
    (out / "kernel.img").write_bytes(b"k")
    (out / "fs.img").write_bytes(b"f")
    files = B.input_files(root)
    (out / "inputs.sha256").write_text(B.inputs_digest(root, "mono", 1, files) + "\n"
                                       + B.inputs_stat(root, "mono", 1, files))
    monkeypatch.setattr(B, "kernel_objects", lambda *a, **k: (_ for _ in ()).throw(Rebuilt()))
    digests = []
    digest = B.inputs_digest
    monkeypatch.setattr(B, "inputs_digest", lambda *a, **k: digests.append(1) or digest(*a, **k))
    return root, out, digests


def test_inputs_as_they_were_are_not_read(tree):
    root, out, digests = tree
    assert not B.build("mono", root=root, out=out).fresh
    assert digests == []


def test_inputs_touched_but_the_same_are_read_once(tree):
    root, out, digests = tree
    os.utime(root / "userland" / "bin" / "ls.c")
    assert not B.build("mono", root=root, out=out).fresh
    assert not B.build("mono", root=root, out=out).fresh
    assert digests == [1]               # the stamp now says what the files say


def test_changed_bytes_are_seen_with_size_and_time_put_back(tree):
    root, out, _ = tree
    path = root / "userland" / "bin" / "ls.c"
    st = os.stat(path)
    path.write_text("int sl;\n")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(Rebuilt):
        B.build("mono", root=root, out=out)


def test_a_new_file_is_seen(tree):
    root, out, _ = tree
    (root / "userland" / "bin" / "cat.c").write_text("int cat;\n")
    with pytest.raises(Rebuilt):
        B.build("mono", root=root, out=out)
