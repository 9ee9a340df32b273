"""Each lab end to end: full marks on the reference tree, zero for every
test on the exported student tree (which must still build and boot),
through the `minos grade` and `minos lab` commands."""

import json
from pathlib import Path

import pytest

from shell.cli import main
from shell.labs import export
from shell.labs.registry import load_lab
from shell.run_cmd import run_commands
from shell.system import System

ROOT = Path(__file__).resolve().parents[2]
LABS = ["util", "syscall", "pgtbl", "sched", "ipc", "libos"]
# a file of each lab's student tree, and what its stub says
STUB_FILES = {"util": ("userland/bin/pingpong.c", "not implemented"),
              "syscall": ("kernel/mono/sysproc.c", "Lab syscall:"),
              "pgtbl": ("kernel/core/vm.c", "Lab pgtbl:"),
              "sched": ("kernel/core/sched.c", "Lab sched:"),
              "ipc": ("servers/fs/pipe.c", "Lab ipc"),
              "libos": ("libos/unix/mem.c", "Lab libos:")}


def grade_json(tmp_path, tree, lab, monkeypatch, capsys):
    """Run `minos grade LAB --json` with tree as the current folder."""
    results = tmp_path / f"results-{lab}-{tree.name}.json"
    monkeypatch.chdir(tree)
    status = main(["grade", lab, "--json", str(results)])
    table = capsys.readouterr().out
    return status, json.loads(results.read_text()), table


def check_gradescope_shape(data):
    assert set(data) >= {"score", "tests"}
    assert data["max_score"] == sum(t["max_score"] for t in data["tests"])
    for t in data["tests"]:
        assert isinstance(t["name"], str) and isinstance(t["output"], str)
        assert 0 <= t["score"] <= t["max_score"]


def test_every_marker_in_the_project_parses():
    counts = export.check_tree(ROOT)
    assert counts.get("util") == 5          # sleep find xargs pingpong primes
    # syscall.h 2, usys.S, unistd.h, syscall.c 4, sysproc.c, proc.c 2, proc.h
    assert counts.get("syscall") == 12
    assert counts.get("sched") == 2         # sched.c (queues, placement, stealing, slices), kernel.md
    assert counts.get("pgtbl") == 19        # kalloc.c 7, vm.c 6, proc.c 3, trap.c 1, kernel.md 2
    assert counts.get("ipc") == 3           # servers/fs/pipe.c: kick, piperead, pipewrite
    assert counts.get("libos") == 3         # libos/unix/mem.c: passrange, unix_pagefault, droprange


def test_lab_list(capsys):
    assert main(["lab", "list", "--root", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "util" in out and "syscall" in out and "100" in out


def test_export_errors(tmp_path, capsys):
    assert main(["lab", "export", "nosuchlab", str(tmp_path / "x"), "--root", str(ROOT)]) == 1
    assert "no lab named 'nosuchlab'" in capsys.readouterr().err
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "file").write_text("x")
    assert main(["lab", "export", "util", str(tmp_path / "full"), "--root", str(ROOT)]) == 1
    assert "not empty" in capsys.readouterr().err


def test_grade_outside_a_project_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["grade", "util"]) == 1
    assert "not inside a minos project" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("lab", LABS)
def test_reference_tree_gets_full_marks(lab, tmp_path, monkeypatch, capsys):
    status, data, table = grade_json(tmp_path, ROOT, lab, monkeypatch, capsys)
    check_gradescope_shape(data)
    assert data["score"] == data["max_score"] == load_lab(ROOT, lab).points, data
    assert status == 0
    assert "total" in table and "100/100" in table


@pytest.mark.slow
@pytest.mark.parametrize("lab", LABS)
def test_student_tree_builds_boots_and_scores_zero(lab, tmp_path, monkeypatch, capsys):
    student = tmp_path / "student"
    assert main(["lab", "export", lab, str(student), "--root", str(ROOT)]) == 0
    path, stub_words = STUB_FILES[lab]
    text = (student / path).read_text()
    assert stub_words in text and f"SOLUTION {lab}" not in text
    assert (student / "labs" / lab / "grader.py").is_file()
    assert lab not in export.check_tree(student)      # no marker of the lab is left
    # the student tree builds, boots (the kernel the lab grades on) and
    # runs programs the lab does not touch (no pipe: lab ipc's are stubs)
    with System(root=student, kernel=load_lab(student, lab).kernel) as system:
        done = run_commands("echo booted; ls /bin > /l; grep -c primes /l", system=system)
        assert done.output.decode().split() == ["booted", "1"]
    # and the grader, run inside it, gives nothing for the stubs
    status, data, table = grade_json(tmp_path, student, lab, monkeypatch, capsys)
    check_gradescope_shape(data)
    assert status == 1
    assert data["score"] == 0 and all(t["score"] == 0 for t in data["tests"]), data
