"""Finding the labs: labs/<name>/grader.py of the project being graded.

The graders are loaded from the tree `minos grade` runs in (found from the
current directory upward), not from the installed minos, so grading inside
an exported student tree uses that tree's labs/ and sources.
"""

import importlib.util
from pathlib import Path

from shell.project import command_root
from vm.errors import MinosError


class LabError(MinosError):
    pass


def find_root(start=None, command="grade"):
    """The minos tree at or above start (shell/project.py), which must hold labs/."""
    root = command_root(command, start, installed=False)
    if not (root / "labs").is_dir():
        raise LabError(f"{root}: this minos tree has no labs/ folder")
    return root


def lab_names(root):
    return sorted(p.parent.name for p in (Path(root) / "labs").glob("*/grader.py"))


def load_lab(root, name):
    """The Lab object that labs/<name>/grader.py defines as LAB."""
    path = Path(root) / "labs" / name / "grader.py"
    if not path.is_file():
        known = ", ".join(lab_names(root)) or "none"
        raise LabError(f"no lab named '{name}' (labs: {known})")
    spec = importlib.util.spec_from_file_location(f"minos_lab_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lab = getattr(module, "LAB", None)
    if lab is None:
        raise LabError(f"{path}: defines no LAB")
    return lab


def all_labs(root):
    labs = [load_lab(root, name) for name in lab_names(root)]
    return sorted(labs, key=lambda lab: (lab.order, lab.name))


def course_order(root):
    """The names of the labs in the order a course takes them (each
    grader's LAB.order): `minos lab export` strips a lab and the ones after."""
    return [lab.name for lab in all_labs(root)]
