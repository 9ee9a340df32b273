"""`minos lab gradescope LAB OUT.zip` and `minos grade --submission/--submissions`.

The bundle is unpacked into a fake /autograder (Gradescope's layout: the zip
in source/, the student's files in submission/, results/results.json out)
and its run_autograder is run as Gradescope runs it, on the reference
solution's files (full marks) and on the untouched student tree (zero)."""

import csv
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from shell.cli import main
from shell.labs import export, gradescope

ROOT = Path(__file__).resolve().parents[2]
MINOS = Path(sys.executable).parent / "minos"
UTIL_PROGRAMS = ["sleep.c", "pingpong.c", "primes.c", "find.c", "xargs.c"]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle") / "util.zip"
    assert main(["lab", "gradescope", "util", str(out), "--root", str(ROOT)]) == 0
    return out


def unpack(bundle, folder):
    """Gradescope's layout: the zip unpacked in source/, an empty submission/."""
    (folder / "source").mkdir(parents=True)
    (folder / "submission").mkdir()
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(folder / "source")
        for info in archive.infolist():            # extractall drops the modes
            os.chmod(folder / "source" / info.filename, info.external_attr >> 16 & 0o777)
    return folder


def run_autograder(folder, minos=MINOS):
    env = dict(os.environ, MINOS_AUTOGRADER=str(folder), MINOS_BIN=str(minos),
               MINOS_PYTHON=sys.executable)
    done = subprocess.run([str(folder / "source" / "run_autograder")], env=env,
                          capture_output=True, text=True, timeout=900)
    return done, json.loads((folder / "results" / "results.json").read_text())


def test_bundle_holds_the_scripts_and_the_student_tree(bundle):
    with zipfile.ZipFile(bundle) as archive:
        infos = {i.filename: i for i in archive.infolist()}
        setup = archive.read("setup.sh").decode()
        grader = archive.read("minos/labs/util/grader.py").decode()
        pingpong = archive.read("minos/userland/bin/pingpong.c").decode()
    for script in ("setup.sh", "run_autograder"):
        assert infos[script].external_attr >> 16 & stat.S_IXUSR, script
    assert 'pip" install -q -e "$AG/source/minos"' in setup
    assert "LAB = Lab(\"util\"" in grader
    assert "not implemented" in pingpong and "SOLUTION" not in pingpong
    assert not any(name.startswith(("minos/build/", "minos/.venv/")) for name in infos)
    # the same sources give the same zip, byte for byte
    again = bundle.parent / "again.zip"
    assert main(["lab", "gradescope", "util", str(again), "--root", str(ROOT)]) == 0
    assert again.read_bytes() == bundle.read_bytes()


def test_bundle_scripts_are_valid_bash(bundle, tmp_path):
    folder = unpack(bundle, tmp_path / "autograder")
    for script in ("setup.sh", "run_autograder"):
        done = subprocess.run(["bash", "-n", str(folder / "source" / script)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_bundle_errors(tmp_path, capsys):
    assert main(["lab", "gradescope", "util", str(tmp_path / "x.tar"), "--root", str(ROOT)]) == 1
    assert "Gradescope takes a .zip file" in capsys.readouterr().err
    assert main(["lab", "gradescope", "nosuch", str(tmp_path / "x.zip"), "--root",
                 str(ROOT)]) == 1
    assert "no lab named 'nosuch'" in capsys.readouterr().err


def test_run_autograder_scores_zero_with_the_reason_when_minos_cannot_run(bundle, tmp_path):
    folder = unpack(bundle, tmp_path / "autograder")
    broken = tmp_path / "minos"
    broken.write_text("#!/bin/sh\necho 'minos: broken install' >&2\nexit 3\n")
    broken.chmod(0o755)
    _, results = run_autograder(folder, minos=broken)
    assert results["score"] == 0 and "broken install" in results["output"]


def make_tree(folder):
    for rel in ("userland/bin/pingpong.c", "userland/bin/ls.c", "kernel/mono/main.c",
                "kernel/core/main.c", "labs/util/grader.py", "lang/x.py"):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text("stub\n")
    return folder


def test_overlay_places_files_and_protects_graders_and_toolchain(tmp_path):
    tree = make_tree(tmp_path / "tree")
    sub = tmp_path / "sub"
    files = {"pingpong.c": "mine", "main.c": "ambiguous", "notes.txt": "hi",
             "kernel/mono/main.c": "kernel edit", "labs/util/grader.py": "full marks!",
             "lang/x.py": "hack", "userland/bin/new.c": "new", ".git/HEAD": "ref"}
    for rel, text in files.items():
        (sub / rel).parent.mkdir(parents=True, exist_ok=True)
        (sub / rel).write_text(text)
    used, ignored = gradescope.overlay(sub, tree)
    assert sorted(map(str, used)) == ["kernel/mono/main.c", "userland/bin/new.c",
                                      "userland/bin/pingpong.c"]
    assert (tree / "userland/bin/pingpong.c").read_text() == "mine"
    assert (tree / "labs/util/grader.py").read_text() == "stub\n"
    assert (tree / "lang/x.py").read_text() == "stub\n"
    why = {str(rel): reason for rel, reason in ignored}
    assert set(why) == {"main.c", "notes.txt", "labs/util/grader.py", "lang/x.py"}
    assert "more than one file" in why["main.c"]
    assert "not under kernel/" in why["lang/x.py"]
    text = gradescope.describe(used, ignored)
    assert "graded 3 submitted file(s)" in text and "ignored lang/x.py" in text
    with pytest.raises(gradescope.SubmissionError, match="not a folder"):
        gradescope.overlay(tmp_path / "nothing", tree)


def test_student_copy_of_the_reference_tree_has_no_solution(tmp_path):
    tree = gradescope.student_copy(ROOT, "util", tmp_path / "tree")
    assert "not implemented" in (tree / "userland/bin/pingpong.c").read_text()
    assert "util" not in export.check_tree(tree)


def test_batch_argument_errors(capsys):
    assert main(["grade", "util", "--root", str(ROOT), "--submissions", "x"]) == 1
    assert "needs --json-dir" in capsys.readouterr().err
    assert main(["grade", "util", "--root", str(ROOT), "--jobs", "2"]) == 1
    assert "go with --submissions" in capsys.readouterr().err


def reference_submission(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name in UTIL_PROGRAMS:                      # uploaded one by one: placed by name
        (folder / name).write_text((ROOT / "userland/bin" / name).read_text())
    return folder


@pytest.mark.slow
def test_run_autograder_full_marks_for_the_reference_and_zero_for_the_skeleton(bundle,
                                                                               tmp_path):
    good = unpack(bundle, tmp_path / "good")
    reference_submission(good / "submission")
    done, results = run_autograder(good)
    assert results["score"] == results["max_score"] == 100, (results, done.stderr)
    assert all(t["status"] == "passed" for t in results["tests"])
    assert "graded 5 submitted file(s)" in results["output"]

    skeleton = unpack(bundle, tmp_path / "skeleton")
    # a GitHub submission: the whole student tree, plus a grader "fix" that must not count
    sub = skeleton / "submission"
    with zipfile.ZipFile(bundle) as archive:
        for name in archive.namelist():
            if name.startswith("minos/"):
                target = sub / name[len("minos/"):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    (sub / "labs/util/grader.py").write_text("raise SystemExit('hacked grader')\n")
    done, results = run_autograder(skeleton)
    assert results["score"] == 0 and results["max_score"] == 100, (results, done.stderr)
    assert all(t["score"] == 0 for t in results["tests"])
    assert "ignored labs/util/grader.py" in results["output"]


@pytest.mark.slow
def test_batch_grading_of_a_folder_of_submissions(tmp_path, capsys):
    subs = tmp_path / "subs"
    reference_submission(subs / "alice")
    (subs / "bob").mkdir()                          # handed in nothing: the stubs
    (subs / "bob" / "pingpong.c").write_text("int main(void) { return 0; }\n")
    out = tmp_path / "out"
    status = main(["grade", "util", "--root", str(ROOT), "--submissions", str(subs),
                   "--json-dir", str(out), "--jobs", "2"])
    assert status == 0
    alice = json.loads((out / "alice.json").read_text())
    bob = json.loads((out / "bob.json").read_text())
    assert alice["score"] == 100
    assert bob["score"] == 0 and "graded 1 submitted file(s)" in bob["output"]
    rows = list(csv.reader((out / "summary.csv").open()))
    assert rows[0] == ["submission", "score", "max_score", "failed tests"]
    assert rows[1][:3] == ["alice", "100", "100"] and rows[1][3] == ""
    assert rows[2][:3] == ["bob", "0", "100"] and "pingpong" in rows[2][3]
    table = capsys.readouterr().out
    assert "alice" in table and "100/100" in table and "0/100" in table
