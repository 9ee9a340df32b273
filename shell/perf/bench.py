"""`minos bench`: the same operations on each kernel, side by side, in
exact counters (docs/measuring.md).

    minos bench [--kernel K ...] [--cores N] [--ops OP,...] [--json FILE]

Each operation but the boot runs inside osbench (userland/bin/osbench.c)
between its console markers, once with N = `per` and once with N = `per` +
`extra`; the difference divided by extra/per is the cost of one operation,
free of the measuring itself (osbench's start-up, the markers). The boot is
measured from reset to the moment the shell prints its first prompt.
Counters are summed over the cores (session.py); every number is exact
and the same on every computer.
"""

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from vm.errors import MinosError

from .. import timeline
from ..build import KERNELS, NO_FILES_YET, NO_SHELL_YET
from ..project import command_root, find_root
from .docgen import add_options as add_table_options
from .profile import format_columns, number
from .session import KERNEL_COUNTERS, MACHINE_COUNTERS, Session


class BenchError(MinosError):
    pass


@dataclass(frozen=True)
class Operation:
    key: str          # the name --ops takes
    label: str        # what the table calls it
    osbench: str      # osbench's operation (None: the boot)
    per: int = 1      # N for one operation
    extra: int = 10   # more Ns run to take the difference


OPERATIONS = (
    Operation("boot", "boot to the shell prompt", None),
    Operation("null", "null call (getpid)", "null", 1, 1000),
    Operation("spawn", "spawn: fork+exec+exit+wait", "spawn", 1, 10),
    Operation("pipe", "64 KiB through a pipe", "pipe", 64, 256),
    Operation("file", "file: create+write+close+unlink", "file", 1, 20),
    Operation("fork200", "fork of a 200-page process", "fork200", 1, 10),
    Operation("sh", "`ls | wc` run by sh", "sh", 1, 5),
)
# The operations that create no file (a kernel in NO_FILES_YET runs these).
FILELESS = ("boot", "null", "spawn", "pipe", "fork200")
BASELINE = "mono"        # the ratio column's denominator
BOUND = 200_000_000      # instructions any one wait may take
BENCH_COMMAND = "minos bench --kernel mono --update docs/kernel.md"   # writes docs/kernel.md's table
LABELS = {"instructions": "instructions", "cycles": "cycles", "traps": "traps",
          "ring_switches": "ring switches", "tlb_misses": "TLB misses", "tlb_flushes": "TLB flushes"}
COUNTERS = tuple(MACHINE_COUNTERS) + tuple(KERNEL_COUNTERS)


def operations(keys=None):
    """The operations named in keys (None: all), in table order."""
    if not keys:
        return list(OPERATIONS)
    known = {op.key: op for op in OPERATIONS}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise BenchError(f"unknown operation {', '.join(map(repr, unknown))} "
                         f"(choose from {', '.join(known)})")
    return [op for op in OPERATIONS if op.key in keys]


def default_kernels(note=None):
    """Every kernel of shell/build.py whose kernel/<k> folder exists (each
    one skipped is noted, on standard error by default)."""
    note = note or (lambda text: print(text, file=sys.stderr))
    root = find_root()
    found = []
    for k in KERNELS:
        if not (root / "kernel" / k).is_dir():
            note(f"minos bench: skipping kernel '{k}' (no kernel/{k} folder yet)")
        elif k in NO_SHELL_YET:
            note(f"minos bench: {k}: cannot run the benchmark yet (no shell: {NO_SHELL_YET[k]})")
        elif k in NO_FILES_YET:
            note(f"minos bench: {k}: not by default ({NO_FILES_YET[k]}); "
                 f"`minos bench --kernel {k} --ops {','.join(FILELESS)}` runs the rest")
        else:
            found.append(k)
    return found


def measure_kernel(kernel, ops, cores=1, engine=None, bound=BOUND, on_boot=()):
    """{operation key: {counter: value per operation}} on one kernel. Each
    wait (the boot, each run of osbench) is bounded by `bound` instructions."""
    results = {}
    with Session(kernel, cores, engine, bound=bound, on_boot=on_boot) as session:
        session.start()
        for op in ops:
            if op.osbench is None:
                results[op.key] = {c: session.boot[c] for c in COUNTERS}
                continue
            one = session.between(f"osbench {op.osbench} {op.per}")
            many = session.between(f"osbench {op.osbench} {op.per + op.extra}")
            times = op.extra / op.per
            results[op.key] = {c: (many[c] - one[c]) / times for c in COUNTERS}
    return results


def run_bench(kernels, ops, cores=1, engine=None, on_boot=()):
    """{kernel: {operation key: {counter: value}}}."""
    return {k: measure_kernel(k, ops, cores, engine, on_boot=on_boot) for k in kernels}


def tables(results, ops, cores):
    """One kernel: one table, operations down, counters across. Several:
    one table per counter, operations down, kernels across, and each other
    kernel's ratio to the baseline."""
    kernels = list(results)
    if len(kernels) == 1:
        (kernel, by_op), = results.items()
        lines = [("operation",) + tuple(LABELS.get(c, c) for c in COUNTERS)]
        lines += [(op.label,) + tuple(number(by_op[op.key][c]) for c in COUNTERS) for op in ops]
        return (f"kernel {kernel}, per operation, summed over {cores} core(s)\n"
                + format_columns(lines, right=range(1, len(lines[0]))))
    ratio_of = [k for k in kernels if k != BASELINE and BASELINE in kernels]
    out = [f"per operation, summed over {cores} core(s); ratio: the kernel's count / {BASELINE}'s"]
    for counter in COUNTERS:
        header = (LABELS.get(counter, counter),) + tuple(kernels) + tuple(f"{k}/{BASELINE}" for k in ratio_of)
        lines = [header]
        for op in ops:
            values = [results[k][op.key][counter] for k in kernels]
            ratios = []
            for k in ratio_of:
                base = results[BASELINE][op.key][counter]
                mine = results[k][op.key][counter]
                ratios.append(f"{mine / base:.2f}" if base else ("-" if not mine else "inf"))
            lines.append((op.label,) + tuple(number(v) for v in values) + tuple(ratios))
        out.append("")
        out.append(format_columns(lines, right=range(1, len(header))))
    return "\n".join(out)


def markdown(results, ops):
    """Instructions and cycles per operation, each kernel two columns: the
    table docs/kernel.md shows (BENCH_COMMAND writes it there)."""
    kernels = list(results)
    head = [f"{k} {c}" if len(kernels) > 1 else c for k in kernels for c in ("instructions", "cycles")]
    lines = ["| operation | " + " | ".join(head) + " |",
             "| --- |" + " ---: |" * len(head)]
    for op in ops:
        cells = [number(results[k][op.key][c]) for k in kernels for c in ("instructions", "cycles")]
        lines.append(f"| {op.label.replace('|', chr(92) + '|')} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def as_json(results, ops, cores):
    return {"cores": cores, "baseline": BASELINE, "counters": list(COUNTERS),
            "operations": [{"key": op.key, "label": op.label, "per": op.per, "extra": op.extra}
                           for op in ops],
            "results": results}


def register(sub):
    p = sub.add_parser("bench", help="the same operations on each kernel, in exact counters",
                       description="Run the benchmark operations on each kernel and print one "
                                   "table per counter: operations down, kernels across, with "
                                   f"each kernel's ratio to {BASELINE}.")
    p.add_argument("--kernel", action="append", choices=KERNELS, metavar="K",
                   help=f"a kernel to measure (repeat for several; default: every kernel that "
                        f"exists of {', '.join(KERNELS)})")
    p.add_argument("--cores", type=int, default=1)
    p.add_argument("--engine", choices=("fast", "ref"), help="execution engine (the counts do not depend on it)")
    p.add_argument("--ops", metavar="OP,...",
                   help=f"only these operations ({', '.join(op.key for op in OPERATIONS)})")
    p.add_argument("--json", metavar="FILE", help="also write the results to FILE as JSON")
    add_table_options(p, "instructions and cycles")
    timeline.add_options(p)
    p.set_defaults(func=main)


def main(args):
    if args.cores < 1:
        raise BenchError(f"--cores must be at least 1 (got {args.cores})")
    ops = operations(args.ops.split(",") if args.ops else None)
    root = command_root("bench")        # the tree the current folder is in (shell/project.py)
    kernels = list(dict.fromkeys(args.kernel)) if args.kernel else default_kernels()
    for k in kernels:
        if not (root / "kernel" / k).is_dir():
            raise BenchError(f"kernel '{k}' does not exist yet (no kernel/{k} folder)")
        if k in NO_SHELL_YET:
            raise BenchError(f"{k}: cannot run the benchmark yet (no shell: {NO_SHELL_YET[k]})")
        if k in NO_FILES_YET and any(op.key not in FILELESS for op in ops):
            raise BenchError(f"{k}: cannot run the file operations yet ({NO_FILES_YET[k]}); "
                             f"choose from --ops {','.join(FILELESS)}")
    recorder = timeline.recorder_for(args)
    try:
        results = run_bench(kernels, ops, args.cores, args.engine,
                            on_boot=[recorder.booted] if recorder else ())
    finally:
        if recorder:
            timeline.report(recorder, "bench")
    if args.update:
        from .docgen import update
        update(args.update, BENCH_COMMAND, markdown(results, ops))
        print(f"minos bench: updated the table in {args.update}", file=sys.stderr)
    else:
        print(markdown(results, ops) if args.markdown else tables(results, ops, args.cores))
    if args.json:
        try:
            Path(args.json).write_text(json.dumps(as_json(results, ops, args.cores), indent=1) + "\n")
        except OSError as e:
            raise BenchError(f"{args.json}: cannot write: {e.strerror}") from None
    return 0
