"""`minos lab list`, `minos lab export LAB DIR` and `minos grade LAB` (docs/labs.md)."""

import json
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from shell.labs import export as exporter
from shell import timeline
from shell.labs import gradescope, gradescope_batch, grader, registry, table
from vm.errors import MinosError


def register(sub):
    p = sub.add_parser("lab", help="course labs: list them, export a student tree",
                       description="Course labs (docs/labs.md).")
    lab_sub = p.add_subparsers(dest="lab_command", metavar="SUBCOMMAND")
    lp = lab_sub.add_parser("list", help="the labs, with titles and points")
    lp.add_argument("--root", help="project folder (default: found from the current one)")
    lp.set_defaults(func=list_labs)
    ep = lab_sub.add_parser("export", help="write the student tree of a lab",
                            description="Copy the project to DIR as a git repository with one "
                                        "commit, the solution regions of LAB and of every later "
                                        "lab (course order) replaced by their stubs, the earlier "
                                        "labs' solutions kept, no marker left.")
    ep.add_argument("lab")
    ep.add_argument("dir")
    ep.add_argument("--no-git", action="store_true",
                    help="do not make DIR a git repository (git is then not needed)")
    ep.add_argument("--root", help="project folder (default: found from the current one)")
    ep.set_defaults(func=export_lab)
    gp = lab_sub.add_parser("gradescope", help="write a Gradescope autograder zip for a lab",
                            description="Write OUT.zip for Gradescope's autograder: setup.sh, "
                                        "run_autograder and LAB's student tree (docs/labs.md).")
    gp.add_argument("lab")
    gp.add_argument("out", metavar="OUT.zip")
    gp.add_argument("--root", help="project folder (default: found from the current one)")
    gp.set_defaults(func=gradescope_bundle)
    p.set_defaults(func=lambda args: p.print_help() or 2)

    g = sub.add_parser("grade", help="build, boot and grade a lab",
                       description="Build and boot the OS of the project you are in, run "
                                   "LAB's graded tests, print the score table. Exit status 0 "
                                   "only with full marks.")
    g.add_argument("lab")
    g.add_argument("--json", metavar="RESULTS", help="also write Gradescope's results.json")
    g.add_argument("--test", action="append", metavar="NAME",
                   help="run only this test (repeatable)")
    g.add_argument("--root", help="project folder (default: found from the current one)")
    g.add_argument("--submission", metavar="DIR",
                   help="grade the student's files in DIR over a copy of LAB's student tree")
    g.add_argument("--submissions", metavar="DIR",
                   help="grade every submission folder in DIR (with --json-dir)")
    g.add_argument("--json-dir", metavar="OUT", help="with --submissions: OUT/NAME.json each")
    g.add_argument("--jobs", type=int, metavar="N",
                   help="with --submissions: grade N at a time (default: the number of cores)")
    timeline.add_options(g)
    g.set_defaults(func=grade_lab)


def _root(args):
    return registry.find_root(args.root, command=args.command)


def list_labs(args):
    root = _root(args)
    out = Table(title="minos labs")
    for column in ("lab", "title", "tests", "points"):
        out.add_column(column)
    for lab in registry.all_labs(root):
        out.add_row(lab.name, lab.title, str(len(lab.tests)), str(lab.points))
    Console().print(out)
    return 0


def export_lab(args):
    root = _root(args)
    lab = registry.load_lab(root, args.lab)
    counts = exporter.check_tree(root)
    if lab.name not in counts:
        raise MinosError(f"lab {lab.name} has no solution regions in {root}")
    order = registry.course_order(root)
    stripped = exporter.later_labs(order, lab.name)
    changed = exporter.export(root, lab.name, args.dir, order, git=not args.no_git)
    regions = sum(counts.get(name, 0) for name in stripped)
    kept = order[:order.index(lab.name)]
    print(f"lab {lab.name}: wrote the student tree to {args.dir} "
          f"(solutions of {', '.join(stripped)} stripped: {regions} regions in {len(changed)} "
          f"files; {', '.join(kept) if kept else 'no earlier lab'} kept solved"
          f"{'' if args.no_git else '; a git repository with one commit'})")
    return 0


def gradescope_bundle(args):
    root = _root(args)
    lab = registry.load_lab(root, args.lab)
    count = gradescope.write_bundle(root, lab.name, args.out)
    print(f"lab {lab.name}: wrote {args.out} (setup.sh, run_autograder and the student tree: "
          f"{count} files) for Gradescope's autograder (docs/labs.md)")
    return 0


def grade_lab(args):
    root = _root(args)
    lab = registry.load_lab(root, args.lab)
    if args.test:
        unknown = set(args.test) - {t.name for t in lab.tests}
        if unknown:
            raise MinosError(f"lab {lab.name} has no test named {', '.join(sorted(unknown))}")
    if args.submissions:
        if not args.json_dir or args.submission or args.json or args.test or args.timeline:
            raise MinosError("--submissions DIR needs --json-dir OUT, and takes no "
                             "--submission, --json, --test or --timeline")
        verdicts = gradescope_batch.grade_batch(root, lab, args.submissions, args.json_dir,
                                                args.jobs)
        return 0 if all(v is not None for v in verdicts.values()) else 1
    if args.json_dir or args.jobs:
        raise MinosError("--json-dir and --jobs go with --submissions DIR")
    recorder = timeline.recorder_for(args)
    note = None
    with tempfile.TemporaryDirectory(prefix="minos-submission-") as tmp:
        if args.submission:
            root = gradescope.student_copy(root, lab.name, Path(tmp) / "tree")
            note = gradescope.describe(*gradescope.overlay(args.submission, root))
            print(note, file=sys.stderr)
        try:
            results = grade_tree(root, lab, only=args.test,
                                 on_boot=[recorder.booted] if recorder else ())
        finally:
            if recorder:
                timeline.report(recorder, "grade")
    table.render(lab, results)
    if args.json:
        data = grader.gradescope(results)
        if note:
            data["output"] = note
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n")
    score, possible = grader.total(results)
    return 0 if score >= possible else 1


def grade_tree(root, lab, only=None, progress=None, on_boot=()):
    """Build the tree at root, then run the lab's tests on it (on_boot: see System)."""
    from shell.system import System
    system = System(kernel=lab.kernel, cores=1, root=root, on_boot=on_boot)
    try:
        try:
            system.build()
        except MinosError as e:
            return grader.failed_build(lab, e)
        if progress is None and sys.stderr.isatty():
            def progress(test):
                print(f"  running {test.name} ...", file=sys.stderr)
        return grader.grade(lab, system, only=only, progress=progress)
    finally:
        system.close()
