"""`minos lab export LAB DIR`: write the student tree of one lab.

The copy holds the project's files (the git-tracked ones when the project
is a git checkout, else the tree minus build outputs, virtual environments
and caches). Labs come in course order (each grader's `order`: util,
syscall, pgtbl, sched). In every marked file (code and Markdown,
shell/labs/markers.py) the solution regions of LAB and of every later lab
become their stubs; the earlier labs' solutions stay, as the course's
previous weeks, without their markers. The tree is then a git repository
with one commit, so students can diff their work against what they were
given.
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
    """Files whose markers count: code and Markdown, outside the test suites."""
    return rel.suffix in markers.MARKED_SUFFIXES and rel.parts[0] != "tests"


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


def later_labs(order, lab):
    """The labs whose solutions the student tree of lab lacks: lab and
    every lab after it in the course order (a list of names)."""
    if lab not in order:
        raise ExportError(f"no lab named '{lab}' (labs in course order: {', '.join(order)})")
    return order[order.index(lab):]


def export(root, lab, dest, order, git=True):
    """Copy the project at root to dest with the solutions of lab and the
    labs after it in `order` (lab names in course order) stripped, the
    earlier labs' kept without markers; then make dest a git repository
    with one commit (unless git is False). Returns the list of files whose
    text changed."""
    root, dest = Path(root).resolve(), Path(dest).resolve()
    stripped_labs = later_labs(order, lab)
    if dest == root:
        raise ExportError(f"{dest}: the student tree must not be the project itself")
    if dest.exists() and any(dest.iterdir()):
        raise ExportError(f"{dest}: directory exists and is not empty")
    git_program = shutil.which("git") if git else None
    if git and git_program is None:
        raise ExportError("the student tree is made a git repository (students diff their work "
                          "against it), and the git program is not on PATH: install git, or "
                          "pass --no-git")
    unknown = set(check_tree(root)) - set(order)
    if unknown:
        raise ExportError(f"solution regions name lab(s) {', '.join(sorted(unknown))}, which "
                          f"have no labs/NAME/grader.py (labs: {', '.join(order)})")
    changed = []
    for rel in project_files(root):
        source, target = root / rel, dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        text = _read_text(source) if is_marked_source(rel) else None
        if text is not None and ("SOLUTION" in text or "STUB" in text):
            stripped = markers.strip(text, stripped_labs, str(rel))
            target.write_text(stripped)
            shutil.copymode(source, target)
            if stripped != text:
                changed.append(rel)
        else:
            shutil.copy2(source, target)
    if git_program:
        make_repository(git_program, dest, f"minos lab {lab}: the student tree")
    return changed


def make_repository(git_program, folder, message):
    """git init + one commit of everything in folder. The author and
    committer are set here, so it works with no git configuration; the
    user's and the project's own git settings are not consulted."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="minos", GIT_AUTHOR_EMAIL="minos@localhost",
               GIT_COMMITTER_NAME="minos", GIT_COMMITTER_EMAIL="minos@localhost",
               GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    for args in (["init", "-q"], ["symbolic-ref", "HEAD", "refs/heads/main"],
                 ["add", "-A"],
                 ["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", message]):
        done = subprocess.run([git_program, *args], cwd=folder, env=env, capture_output=True,
                              text=True)
        if done.returncode != 0:
            raise ExportError(f"git {' '.join(args)} in {folder} failed: "
                              f"{(done.stderr or done.stdout).strip()}")


def _read_text(path):
    try:
        return path.read_text()
    except (UnicodeDecodeError, OSError):
        return None
