"""`minos lab export LAB DIR`: write the student tree of one lab.

The copy holds the project's files (the git-tracked ones when the project
is a git checkout, else the tree minus build outputs, virtual environments
and caches). In every source file the lab's solution regions become their
stubs (shell/labs/markers.py); other labs' regions are kept, so a student
doing lab 3 has the reference solutions of labs 1 and 2.
"""

import os
import shutil
import subprocess
from pathlib import Path

from vm.errors import MinosError

from . import markers

# Never copied when the project is not a git checkout.
SKIP_DIRS = {"build", ".venv", "venv", ".git", "__pycache__", ".pytest_cache",
             ".mypy_cache", ".ruff_cache", "node_modules"}
SKIP_SUFFIXES = {".pyc", ".egg-info"}


class ExportError(MinosError):
    pass


def project_files(root):
    """Relative paths of the files that make the project."""
    root = Path(root)
    if (root / ".git").exists():
        try:
            done = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                                   "--exclude-standard"], cwd=root, capture_output=True,
                                  check=True)
            names = [n for n in done.stdout.decode().split("\0") if n]
            return sorted(Path(n) for n in names if (root / n).is_file())
        except (OSError, subprocess.CalledProcessError):
            pass            # no git program: fall back to walking the tree
    return sorted(_walk(root))


def _walk(root):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        for name in files:
            if Path(name).suffix not in SKIP_SUFFIXES:
                yield (Path(folder) / name).relative_to(root)


def is_marked_source(rel):
    """Files whose markers count: code, outside the test suites and docs."""
    return rel.suffix in markers.MARKED_SUFFIXES and rel.parts[0] not in ("tests", "docs")


def check_tree(root):
    """Parse every marked source once; raises MarkerError on the first bad one.
    Returns {lab: number of regions}."""
    counts = {}
    for rel in project_files(root):
        if not is_marked_source(rel):
            continue
        text = _read_text(Path(root) / rel)
        if text is None or "SOLUTION" not in text and "STUB" not in text:
            continue
        for region in markers.parse(text, str(rel)).regions:
            counts[region.lab] = counts.get(region.lab, 0) + 1
    return counts


def export(root, lab, dest):
    """Copy the project at root to dest with lab's solutions stripped.
    Returns the list of files whose text changed."""
    root, dest = Path(root).resolve(), Path(dest).resolve()
    if dest == root:
        raise ExportError(f"{dest}: the student tree must not be the project itself")
    if dest.exists() and any(dest.iterdir()):
        raise ExportError(f"{dest}: directory exists and is not empty")
    changed = []
    for rel in project_files(root):
        source, target = root / rel, dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        text = _read_text(source) if is_marked_source(rel) else None
        if text is not None and ("SOLUTION" in text or "STUB" in text):
            stripped = markers.strip(text, lab, str(rel))
            target.write_text(stripped)
            shutil.copymode(source, target)
            if stripped != text:
                changed.append(rel)
        else:
            shutil.copy2(source, target)
    return changed


def _read_text(path):
    try:
        return path.read_text()
    except (UnicodeDecodeError, OSError):
        return None
