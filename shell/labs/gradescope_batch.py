"""`minos grade LAB --submissions DIR --json-dir OUT`: grade a folder of submissions.

Every sub-folder of DIR is one student's submission (shell/labs/gradescope.py
says which of its files count). Each is graded by its own `minos grade LAB
--submission SUB --json OUT/SUB.json` process, at most `jobs` at a time
(default: the number of cores), over one student tree made once. A grade
depends only on the submission (instruction bounds, never seconds), so the
verdicts are the same whatever the number of jobs or the order they finish
in. The summary table and OUT/summary.csv list the submissions by name.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from . import gradescope


def submission_folders(folder):
    folder = Path(folder)
    if not folder.is_dir():
        raise gradescope.SubmissionError(f"{folder}: no such folder of submissions")
    subs = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not subs:
        raise gradescope.SubmissionError(f"{folder}: holds no submission folders (one folder "
                                         "per student)")
    return subs


def grade_one(lab, tree, submission, out):
    """Grade one submission in its own process; returns (results dict or
    None, the process's last error line)."""
    command = [sys.executable, "-m", "shell.cli", "grade", lab, "--root", str(tree),
               "--submission", str(submission), "--json", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if out.is_file():
        return json.loads(out.read_text()), ""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return None, (lines[-1] if lines else f"minos grade exited with status {done.returncode}")


def grade_batch(root, lab, folder, json_dir, jobs=None, console=None):
    """Grade every submission folder; write OUT/NAME.json and OUT/summary.csv.
    Returns {name: results dict or None}, and prints the summary table."""
    console = console or Console(stderr=True)
    subs = submission_folders(folder)
    json_dir = Path(json_dir)
    json_dir.mkdir(parents=True, exist_ok=True)
    jobs = max(1, jobs or os.cpu_count() or 1)
    verdicts, errors = {}, {}
    with tempfile.TemporaryDirectory(prefix="minos-batch-") as tmp:
        tree = gradescope.student_copy(root, lab.name, Path(tmp) / "tree")
        with Progress(console=console, transient=not console.is_terminal) as progress:
            task = progress.add_task(f"grading {len(subs)} submissions of {lab.name} "
                                     f"({jobs} at a time)", total=len(subs))

            def one(sub):
                out = json_dir / f"{sub.name}.json"
                out.unlink(missing_ok=True)
                result = grade_one(lab.name, tree, sub.resolve(), out.resolve())
                progress.advance(task)
                return sub.name, result

            with ThreadPoolExecutor(max_workers=jobs) as pool:
                for name, (data, error) in pool.map(one, subs):
                    verdicts[name] = data
                    errors[name] = error
    write_summary(json_dir / "summary.csv", lab, verdicts, errors)
    render_summary(lab, verdicts, errors, Console())
    return verdicts


def _failed(data):
    return [t["name"] for t in data.get("tests", []) if t["score"] < t["max_score"]]


def write_summary(path, lab, verdicts, errors):
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["submission", "score", "max_score", "failed tests"])
        for name, data in verdicts.items():
            if data is None:
                out.writerow([name, 0, lab.points, "not graded: " + errors[name]])
            else:
                out.writerow([name, data["score"], data.get("max_score", lab.points),
                              " ".join(_failed(data))])


def render_summary(lab, verdicts, errors, console):
    table = Table(title=f"lab {lab.name}: {len(verdicts)} submissions")
    for column, justify in (("submission", "left"), ("score", "right"),
                            ("failed tests", "left")):
        table.add_column(column, justify=justify)
    for name, data in verdicts.items():
        if data is None:
            table.add_row(name, f"-/{lab.points}", "not graded: " + errors[name])
        else:
            table.add_row(name, f"{data['score']:g}/{data.get('max_score', lab.points)}",
                          ", ".join(_failed(data)) or "none")
    console.print(table)
