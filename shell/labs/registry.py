"""Finding the labs: labs/<name>/grader.py of the project being graded.

The graders are loaded from the tree `minos grade` runs in (found from the
current directory upward), not from the installed minos, so grading inside
an exported student tree uses that tree's labs/ and sources.
"""

import importlib.util
from pathlib import Path

from vm.errors import MinosError


class LabError(MinosError):
    pass


def find_root(start=None):
    """The nearest folder at or above start holding labs/ and kernel/."""
    here = Path(start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "labs").is_dir() and (folder / "kernel").is_dir():
            return folder
    raise LabError(f"{here}: not inside a minos project (no labs/ and kernel/ folders "
                   "here or above)")


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
