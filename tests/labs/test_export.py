"""`minos lab export`: on a small project that is not a git checkout, and
on the real project in course order (no later lab's solution and no
marker of any lab in a student tree; a git repository with one commit)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from shell.labs import export as export_mod
from shell.labs.export import (ExportError, check_tree, export, is_marked_source,
                               project_files)
from shell.labs.markers import MarkerError, parse
from shell.labs.registry import course_order

ROOT = Path(__file__).resolve().parents[2]

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
    (root / "docs" / "d.md").write_text("```\n<!-- BEGIN SOLUTION demo -->\n```\n")  # an example
    (root / "build" / "cache").mkdir(parents=True)
    (root / "build" / "cache" / "obj").write_text("cached")
    (root / ".venv").mkdir()
    (root / ".venv" / "x").write_text("venv")
    (root / "blob.bin").write_bytes(b"\xff\xfe\x00binary")
    return root


def test_export_strips_the_lab_and_skips_build_outputs(project, tmp_path):
    dest = tmp_path / "student"
    changed = export(project, "demo", dest, ["demo"], git=False)
    assert [str(p) for p in changed] == ["kernel/f.c"]
    assert (dest / "kernel" / "f.c").read_text() == "int f(void)\n{\n    return 0;   // TODO\n}\n"
    assert (dest / "docs" / "d.md").read_text() == "```\n<!-- BEGIN SOLUTION demo -->\n```\n"
    assert (dest / "blob.bin").read_bytes() == b"\xff\xfe\x00binary"
    assert not (dest / "build").exists() and not (dest / ".venv").exists()
    assert check_tree(dest) == {}


def test_export_of_a_later_lab_keeps_the_earlier_solution_without_markers(project, tmp_path):
    dest = tmp_path / "other"
    assert export(project, "later", dest, ["demo", "later"], git=False) == [Path("kernel/f.c")]
    assert (dest / "kernel" / "f.c").read_text() == "int f(void)\n{\n    return 42;\n}\n"


def test_export_refuses_unknown_labs(project, tmp_path):
    with pytest.raises(ExportError, match="no lab named 'nothing'"):
        export(project, "nothing", tmp_path / "x", ["demo"], git=False)
    with pytest.raises(ExportError, match=r"name lab\(s\) demo, which have no labs/NAME/grader"):
        export(project, "other", tmp_path / "y", ["other"], git=False)


def test_export_without_git_is_a_clear_error(project, tmp_path, monkeypatch):
    monkeypatch.setattr(export_mod.shutil, "which", lambda name: None)
    with pytest.raises(ExportError, match="git program is not on PATH: install git, or pass --no-git"):
        export(project, "demo", tmp_path / "x", ["demo"])
    assert not (tmp_path / "x").exists()


def test_bad_marker_stops_the_export_with_file_and_line(project, tmp_path):
    (project / "kernel" / "g.c").write_text("/* BEGIN SOLUTION demo */\nint x;\n")
    with pytest.raises(MarkerError, match=r"^kernel/g\.c:1: BEGIN SOLUTION demo is never closed"):
        check_tree(project)


def test_export_refuses_a_non_empty_folder_and_the_project_itself(project, tmp_path):
    with pytest.raises(ExportError, match="not empty"):
        export(project, "demo", project / "kernel", ["demo"], git=False)
    with pytest.raises(ExportError, match="must not be the project"):
        export(project, "demo", project, ["demo"], git=False)


# --- the real project, in course order --------------------------------------------------

def _text_files(root):
    for rel in project_files(root):
        try:
            yield rel, (Path(root) / rel).read_text()
        except (UnicodeDecodeError, OSError):
            continue


@pytest.fixture(scope="module")
def solution_lines():
    """{lab: the lines of its solution regions that appear nowhere else in
    the reference tree} (long enough to mean something): finding one in a
    student tree means the solution leaked."""
    inside = {}
    outside = set()
    for rel, text in _text_files(ROOT):
        lines = text.splitlines()
        in_region = set()
        if is_marked_source(rel) and ("SOLUTION" in text or "STUB" in text):
            for region in parse(text, str(rel)).regions:
                for n in range(region.begin, region.end - 1):       # the lines between markers
                    in_region.add(n)
                    inside.setdefault(region.lab, set()).add(lines[n].strip())
        outside.update(line.strip() for n, line in enumerate(lines) if n not in in_region)
    return {lab: {line for line in found - outside if len(line) >= 12}
            for lab, found in inside.items()}


@pytest.fixture(scope="module")
def student_trees(tmp_path_factory):
    """Every lab's student tree, exported once (a git repository if git is here)."""
    order = course_order(ROOT)
    has_git = shutil.which("git") is not None
    base = tmp_path_factory.mktemp("exports")
    return order, has_git, {lab: (base / lab, export(ROOT, lab, base / lab, order, git=has_git))
                            for lab in order}


def test_labs_are_exported_in_course_order(student_trees, solution_lines):
    order, _, trees = student_trees
    assert order == ["util", "syscall", "pgtbl", "sched", "ipc"]
    assert all(solution_lines[lab] for lab in order)       # each lab has text to look for
    for lab, (tree, _) in trees.items():
        found = {}                   # lab -> its distinctive solution lines in this tree
        for rel, text in _text_files(tree):
            lines = {line.strip() for line in text.splitlines()}
            for other in order:
                for line in solution_lines[other] & lines:
                    found.setdefault(other, []).append(f"{rel}: {line}")
        position = order.index(lab)
        for later in order[position:]:
            assert later not in found, f"{lab}'s tree holds {later}'s solution: {found[later][:3]}"
        for earlier in order[:position]:           # earlier labs stay solved
            present = {where.split(": ", 1)[1] for where in found.get(earlier, ())}
            assert present == solution_lines[earlier], f"{lab}'s tree lacks {earlier}'s solution"


def test_no_marker_of_any_lab_survives(student_trees):
    marker = re.compile(r"(BEGIN|END) SOLUTION|^\s*(/\*|//|#|<!--)\s*STUB\s", re.M)
    for lab, (tree, _) in student_trees[2].items():
        assert check_tree(tree) == {}, lab
        leftovers = [str(rel) for rel, text in _text_files(tree)
                     if is_marked_source(rel) and rel.parts[:2] != ("shell", "labs")
                     and rel != Path("docs/labs.md") and marker.search(text)]
        assert leftovers == [], f"markers left in {lab}'s tree: {leftovers}"


def test_docs_are_stripped_too(student_trees):
    trees = student_trees[2]
    kernel_md = {lab: (tree / "docs" / "kernel.md").read_text() for lab, (tree, _) in trees.items()}
    reference = (ROOT / "docs" / "kernel.md").read_text()
    cow = "a write to a `PTE_COW` page"
    assert "Idle cores steal" in reference and cow in reference
    assert all(("Idle cores steal" in text) == (lab == "ipc")      # ipc comes after sched
               for lab, text in kernel_md.items())
    assert cow not in kernel_md["pgtbl"] and cow in kernel_md["sched"]
    assert "Lab pgtbl adds page reference counts" in kernel_md["syscall"]
    assert "Lab pgtbl adds page reference counts" not in kernel_md["sched"]


def test_a_student_tree_is_a_git_repository_with_one_commit(student_trees):
    _, has_git, trees = student_trees
    if not has_git:
        pytest.skip("git is not installed")
    tree = trees["syscall"][0]
    git = ["git", "-C", str(tree)]
    log = subprocess.run(git + ["log", "--format=%an %s"], capture_output=True, text=True, check=True)
    assert log.stdout == "minos minos lab syscall: the student tree\n"
    status = subprocess.run(git + ["status", "--porcelain"], capture_output=True, text=True,
                            check=True)
    assert status.stdout == ""                 # everything committed, build outputs ignored
    tracked = subprocess.run(git + ["ls-files"], capture_output=True, text=True, check=True)
    assert "kernel/mono/sysproc.c" in tracked.stdout.splitlines()
