"""Grading a student's submission, and the Gradescope autograder bundle.

A *submission* is a folder of the student's files: either their whole
student tree (a Gradescope GitHub submission) or some of its files
(uploaded one by one). `overlay` copies it over a private copy of the lab's
student tree: a file goes to its own relative path when that path lies
under one of SUBMITTABLE (the folders a student edits), or, uploaded
alone at the top, to the one file of that name in those folders. Nothing
else is taken: a submission cannot change the graders (labs/), the
toolchain (lang/, vm/, shell/) or the tests. `student_copy` makes the
private copy; it is always the *student* tree, exported on the spot when
the tree graded from still holds the lab's solution, so a file the
student did not submit is the stub they were given, never the reference
answer.

`write_bundle` writes the zip Gradescope's "Autograder" configuration
takes: setup.sh (installs minos from the bundled student tree),
run_autograder (grades /autograder/submission into
/autograder/results/results.json), and the tree itself under minos/.
docs/labs.md has the instructor's steps.
"""

import shutil
import stat
import tempfile
import zipfile
from pathlib import Path

from vm.errors import MinosError

from . import export, registry

SUBMITTABLE = ("kernel", "servers", "libos", "userland")
BUNDLE_TREE = "minos"             # the student tree's folder in the zip (/autograder/source/minos)


class SubmissionError(MinosError):
    pass


def student_copy(root, lab, dest):
    """Write the student tree of lab to dest (a new or empty folder): the
    tree at root copied as it is when it holds no solution of lab (it is
    already a student tree), exported with lab's solutions stripped when it
    does. Returns dest."""
    root, dest = Path(root), Path(dest)
    if lab in export.check_tree(root):
        export.export(root, lab, dest, registry.course_order(root), git=False)
        return dest
    for rel in export.project_files(root):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, dest / rel)
    return dest


def _editable_files(tree):
    """{file name: [relative paths]} of the files under SUBMITTABLE in tree."""
    names = {}
    for top in SUBMITTABLE:
        for path in sorted((Path(tree) / top).rglob("*")):
            if path.is_file():
                names.setdefault(path.name, []).append(path.relative_to(tree))
    return names


def overlay(submission, tree):
    """Copy the submission's files over tree (see the module's comment).
    Returns (used, ignored): the relative paths written in tree, and the
    submission's files not taken, each with the reason."""
    submission, tree = Path(submission), Path(tree)
    if not submission.is_dir():
        raise SubmissionError(f"{submission}: the submission is not a folder")
    by_name = _editable_files(tree)
    used, ignored = [], []
    for path in sorted(submission.rglob("*")):
        rel = path.relative_to(submission)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue                                   # .git, editor files
        if rel.parts[0] in SUBMITTABLE:
            target = rel
        elif len(rel.parts) == 1 and len(by_name.get(rel.name, ())) == 1:
            target = by_name[rel.name][0]              # an uploaded file, placed by name
        else:
            why = ("more than one file has this name: submit it at its path"
                   if len(rel.parts) == 1 and rel.name in by_name
                   else f"not under {', '.join(d + '/' for d in SUBMITTABLE)}")
            ignored.append((rel, why))
            continue
        (tree / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, tree / target)
        used.append(target)
    return used, ignored


def describe(used, ignored):
    """The lines saying which submitted files were graded and which not."""
    lines = [f"graded {len(used)} submitted file(s): "
             + (", ".join(str(p) for p in used) or "none (the stubs were graded)")]
    lines += [f"ignored {rel}: {why}" for rel, why in ignored]
    return "\n".join(lines)


# --- the Gradescope bundle ------------------------------------------------------------------

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image
# (written by `minos lab gradescope {lab}`). minos needs Python >= 3.11.
set -euo pipefail
AG="${{MINOS_AUTOGRADER:-/autograder}}"
PY=""
for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        PY="$candidate"; break
    fi
done
if [ -z "$PY" ]; then
    apt-get update && apt-get install -y python3.11 python3.11-venv
    PY=python3.11
fi
"$PY" -m venv "$AG/venv"
"$AG/venv/bin/pip" install -q -e "$AG/source/{tree}"
# build the student tree once, so that each submission compiles only what it changed
(cd "$AG/source/{tree}" && "$AG/venv/bin/minos" build --kernel {kernel} >/dev/null)
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission (written by `minos lab gradescope {lab}`):
# the submission's files go over a copy of the lab's student tree, and
# `minos grade` writes Gradescope's results.json.
set -uo pipefail
AG="${{MINOS_AUTOGRADER:-/autograder}}"
MINOS="${{MINOS_BIN:-$AG/venv/bin/minos}}"
RESULTS="$AG/results/results.json"
mkdir -p "$AG/results"
rm -f "$RESULTS"
cd "$AG/source/{tree}"
"$MINOS" grade {lab} --submission "$AG/submission" --json "$RESULTS" 2>&1 | tee "$AG/results/grade.log"
if [ ! -s "$RESULTS" ]; then
    # minos stopped before grading: score 0, and say why
    "${{MINOS_PYTHON:-$AG/venv/bin/python}}" - "$RESULTS" "$AG/results/grade.log" <<'EOF'
import json, sys
log = open(sys.argv[2], errors="replace").read()[-4000:]
json.dump({{"score": 0, "output": "minos could not grade this submission:\\n" + log}},
          open(sys.argv[1], "w"))
EOF
fi
"""


def bundle_scripts(lab, kernel="mono"):
    """{name in the zip: text} of the two scripts Gradescope runs (setup.sh
    builds the kernel the lab's tests boot)."""
    return {"setup.sh": SETUP_SH.format(lab=lab, tree=BUNDLE_TREE, kernel=kernel),
            "run_autograder": RUN_AUTOGRADER.format(lab=lab, tree=BUNDLE_TREE)}


def write_bundle(root, lab, out):
    """Write Gradescope's autograder zip for lab to out. Returns the number
    of files of the student tree in it."""
    out = Path(out)
    if out.suffix != ".zip":
        raise SubmissionError(f"{out}: Gradescope takes a .zip file")
    if not out.parent.is_dir():
        raise SubmissionError(f"{out.parent}: no such folder")
    with tempfile.TemporaryDirectory(prefix="minos-gradescope-") as tmp:
        tree = student_copy(root, lab, Path(tmp) / BUNDLE_TREE)
        files = sorted(p for p in tree.rglob("*") if p.is_file())
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in bundle_scripts(lab, registry.load_lab(tree, lab).kernel).items():
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = (stat.S_IFREG | 0o755) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text)
            for path in files:
                rel = path.relative_to(tmp).as_posix()
                info = zipfile.ZipInfo(rel, date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = (stat.S_IFREG | stat.S_IMODE(path.stat().st_mode)) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return len(files)
