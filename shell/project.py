"""Which minos tree a command works on: the one you stand in.

Every command that builds (`minos build`, `boot`, `run`, `debug`, `grade`)
builds the sources of the minos tree that contains the current directory,
found the way git finds its repository: the nearest folder at or above it
that holds kernel/, userland/ and lang/. So inside a lab tree written by
`minos lab export`, `minos run` runs the student's code, whichever `minos`
is on PATH. Outside any tree, the tree minos is installed from is used.

Only the sources come from the found tree (kernel/, userland/, lang/'s C
runtime, labs/ with its graders); the toolchain itself (lang/'s Python) is
the installed one.
"""

import sys
from pathlib import Path

from vm.errors import MinosError

INSTALLED = Path(__file__).resolve().parent.parent     # the tree this minos runs from
MARKS = ("kernel", "userland", "lang")                  # the folders that make a minos tree


class ProjectError(MinosError):
    pass


def is_tree(folder):
    return all((Path(folder) / name).is_dir() for name in MARKS)


def find_root(start=None, installed=True):
    """The nearest minos tree at or above start (default: the current
    folder); if there is none, the installed tree (installed=False: an
    error, for `minos grade`, which must never grade the reference tree
    when a student runs it outside their own)."""
    here = Path(start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if is_tree(folder):
            return folder
    if installed and is_tree(INSTALLED):
        return INSTALLED
    raise ProjectError(f"{here}: not inside a minos project (no folder here or above holds "
                       f"{', '.join(m + '/' for m in MARKS)})")


def command_root(command, start=None, installed=True):
    """find_root for a command, which says on stderr (one line) which tree
    it builds when that is not the installed one."""
    root = find_root(start, installed)
    if root != INSTALLED:
        print(f"minos {command}: using the minos tree at {root} (not the installed one at "
              f"{INSTALLED})", file=sys.stderr)
    return root
