"""The tree you stand in is the tree you run (shell/project.py): commands
that build use the minos tree containing the current folder, and say so
when it is not the installed one."""

from pathlib import Path

import pytest

from shell import project
from shell.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_find_root_walks_up_from_the_current_folder(tmp_path, monkeypatch):
    tree = tmp_path / "tree"
    for name in project.MARKS:
        (tree / name / "deeper").mkdir(parents=True)
    assert project.find_root(tree / "kernel" / "deeper") == tree.resolve()
    monkeypatch.chdir(tree / "userland")
    assert project.find_root() == tree.resolve()


def test_outside_any_tree_the_installed_one_is_used_except_for_grading(tmp_path):
    assert project.find_root(tmp_path) == project.INSTALLED == ROOT
    with pytest.raises(project.ProjectError, match="not inside a minos project"):
        project.find_root(tmp_path, installed=False)


@pytest.mark.slow
def test_run_inside_an_exported_lab_tree_runs_the_students_code(tmp_path, monkeypatch, capsys):
    student = tmp_path / "student"
    assert main(["lab", "export", "util", str(student), "--root", str(ROOT)]) == 0
    capsys.readouterr()
    monkeypatch.chdir(student / "userland")
    assert main(["run", "-c", "sleep"]) == 1
    out, err = capsys.readouterr()
    assert "sleep: not implemented" in out          # the stub, not the solution's usage line
    assert f"using the minos tree at {student.resolve()}" in err
    assert (student / "build" / "mono" / "kernel.img").is_file()
    assert main(["run", "-c", "freemem"]) == 0          # docs/labs.md: it works in util's tree
    assert "free pages:" in capsys.readouterr().out
    monkeypatch.chdir(ROOT)
    assert main(["run", "-c", "sleep"]) == 1
    out, err = capsys.readouterr()
    assert "usage: sleep" in out and "using the minos tree" not in err
