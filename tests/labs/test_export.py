"""`minos lab export` on a small project that is not a git checkout."""

import pytest

from shell.labs.export import ExportError, check_tree, export
from shell.labs.markers import MarkerError

SOURCE = """\
int f(void)
{
/* BEGIN SOLUTION demo */
    return 42;
/* END SOLUTION demo */
/* STUB demo
    return 0;   // TODO
*/
}
"""


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    (root / "kernel").mkdir(parents=True)
    (root / "kernel" / "f.c").write_text(SOURCE)
    (root / "docs").mkdir()
    (root / "docs" / "d.md").write_text("/* BEGIN SOLUTION demo */\n")   # an example, not code
    (root / "build" / "cache").mkdir(parents=True)
    (root / "build" / "cache" / "obj").write_text("cached")
    (root / ".venv").mkdir()
    (root / ".venv" / "x").write_text("venv")
    (root / "blob.bin").write_bytes(b"\xff\xfe\x00binary")
    return root


def test_export_strips_the_lab_and_skips_build_outputs(project, tmp_path):
    dest = tmp_path / "student"
    changed = export(project, "demo", dest)
    assert [str(p) for p in changed] == ["kernel/f.c"]
    assert (dest / "kernel" / "f.c").read_text() == "int f(void)\n{\n    return 0;   // TODO\n}\n"
    assert (dest / "docs" / "d.md").read_text() == "/* BEGIN SOLUTION demo */\n"
    assert (dest / "blob.bin").read_bytes() == b"\xff\xfe\x00binary"
    assert not (dest / "build").exists() and not (dest / ".venv").exists()
    assert check_tree(dest) == {}


def test_export_of_another_lab_copies_unchanged(project, tmp_path):
    dest = tmp_path / "other"
    assert export(project, "nothing", dest) == []
    assert (dest / "kernel" / "f.c").read_text() == SOURCE


def test_bad_marker_stops_the_export_with_file_and_line(project, tmp_path):
    (project / "kernel" / "g.c").write_text("/* BEGIN SOLUTION demo */\nint x;\n")
    with pytest.raises(MarkerError, match=r"^kernel/g\.c:1: BEGIN SOLUTION demo is never closed"):
        check_tree(project)


def test_export_refuses_a_non_empty_folder_and_the_project_itself(project, tmp_path):
    with pytest.raises(ExportError, match="not empty"):
        export(project, "demo", project / "kernel")
    with pytest.raises(ExportError, match="must not be the project"):
        export(project, "demo", project)
