"""Lab ipc grades on micro: its Lab names the kernel, `minos grade` boots
that kernel, and the Gradescope bundle builds it (the end-to-end 100/0
checks are test_labs_end_to_end.py's, with the other labs)."""

from pathlib import Path

from shell import lab_cmds
from shell.labs import gradescope
from shell.labs.grader import Lab
from shell.labs.registry import load_lab

ROOT = Path(__file__).resolve().parents[2]


def test_ipc_grades_on_micro_and_the_others_on_mono():
    assert load_lab(ROOT, "ipc").kernel == "micro"
    assert Lab("demo", "a demo").kernel == "mono"
    for lab in ("util", "syscall", "pgtbl", "sched"):
        assert load_lab(ROOT, lab).kernel == "mono"


def test_grade_tree_boots_the_labs_kernel(monkeypatch):
    made = []

    class FakeSystem:
        def __init__(self, kernel, **kw):
            made.append(kernel)

        def build(self):
            pass

        def close(self):
            pass

    monkeypatch.setattr("shell.system.System", FakeSystem)
    monkeypatch.setattr(lab_cmds.grader, "grade", lambda lab, system, **kw: [])
    lab_cmds.grade_tree(ROOT, load_lab(ROOT, "ipc"), progress=lambda test: None)
    lab_cmds.grade_tree(ROOT, load_lab(ROOT, "util"), progress=lambda test: None)
    assert made == ["micro", "mono"]


def test_gradescope_setup_builds_the_labs_kernel():
    assert "minos\" build --kernel micro " in gradescope.bundle_scripts("ipc", "micro")["setup.sh"]
    assert "minos\" build --kernel mono " in gradescope.bundle_scripts("util")["setup.sh"]
