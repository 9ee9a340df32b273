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
from .ipcbench import measure_ipc
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
# The microkernel's IPC primitives (issue 15): measured in a boot bundle
# of their own (ipcbench.py, servers/ipcbench.c), without a shell, so on
# micro only (another kernel's column shows "-"); the micro column gets
# them by default.
IPC_OPERATIONS = (
    Operation("ipc", "IPC call + reply, register-only (micro)", "ipc", 1, 1000),
    Operation("ipclong", "IPC call with 4 KiB + reply (micro)", "ipclong", 1, 1000),
    Operation("notify", "notification signal + wait, both ways (micro)", "notify", 1, 1000),
)
IPC_KERNEL = "micro"
# The specialized application (issue 16): XCP against cp, its own table
# (shell/perf/xcp.py), only when named: `minos bench --ops xcp`.
APP_OPERATION = "xcp"
# The operations that create no file (a kernel in NO_FILES_YET runs these).
FILELESS = ("boot", "null", "spawn", "pipe", "fork200")
BASELINE = "mono"        # the ratio column's denominator
BOUND = 200_000_000      # instructions any one wait may take
BENCH_COMMAND = "minos bench --kernel mono --update docs/kernel.md"   # writes docs/kernel.md's table
EXO_COMMAND = "minos bench --kernel exo --update docs/exo.md"          # the exo rows' table (exo_paths.py)
LABELS = {"instructions": "instructions", "cycles": "cycles", "traps": "traps",
          "ring_switches": "ring switches", "tlb_misses": "TLB misses", "tlb_flushes": "TLB flushes"}
COUNTERS = tuple(MACHINE_COUNTERS) + tuple(KERNEL_COUNTERS)


def operations(keys=None, ipc=False):
    """The operations named in keys (None: all, the IPC rows only if ipc),
    in table order."""
    if not keys:
        return list(OPERATIONS) + (list(IPC_OPERATIONS) if ipc else [])
    known = {op.key: op for op in OPERATIONS + IPC_OPERATIONS}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise BenchError(f"unknown operation {', '.join(map(repr, unknown))} "
                         f"(choose from {', '.join(known)})")
    return [op for op in OPERATIONS + IPC_OPERATIONS if op.key in keys]


def needs_shell(ops):
    return any(op not in IPC_OPERATIONS for op in ops)


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
    ipc = [op for op in ops if op in IPC_OPERATIONS]
    if ipc and kernel == IPC_KERNEL:
        results.update(measure_ipc(ipc, cores, engine, bound))
    if not needs_shell(ops):
        return results
    with Session(kernel, cores, engine, bound=bound, on_boot=on_boot) as session:
        session.start()
        for op in ops:
            if op in IPC_OPERATIONS:
                continue
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
        lines += [(op.label,) + tuple(cell(by_op, op, c) for c in COUNTERS) for op in ops]
        return (f"kernel {kernel}, per operation, summed over {cores} core(s)\n"
                + format_columns(lines, right=range(1, len(lines[0]))))
    ratio_of = [k for k in kernels if k != BASELINE and BASELINE in kernels]
    out = [f"per operation, summed over {cores} core(s); ratio: the kernel's count / {BASELINE}'s"]
    for counter in COUNTERS:
        header = (LABELS.get(counter, counter),) + tuple(kernels) + tuple(f"{k}/{BASELINE}" for k in ratio_of)
        lines = [header]
        for op in ops:
            ratios = []
            for k in ratio_of:
                if op.key not in results[BASELINE] or op.key not in results[k]:
                    ratios.append("-")            # a row one of them does not have (IPC)
                    continue
                base = results[BASELINE][op.key][counter]
                mine = results[k][op.key][counter]
                ratios.append(f"{mine / base:.2f}" if base else ("-" if not mine else "inf"))
            lines.append((op.label,) + tuple(cell(results[k], op, counter) for k in kernels) + tuple(ratios))
        out.append("")
        out.append(format_columns(lines, right=range(1, len(header))))
    return "\n".join(out)


def cell(by_op, op, counter):
    """One kernel's figure for an operation, or "-" if it has no such row
    (the IPC rows on a kernel without IPC)."""
    return number(by_op[op.key][counter]) if op.key in by_op else "-"


def markdown(results, ops):
    """Instructions and cycles per operation, each kernel two columns: the
    table docs/kernel.md shows (BENCH_COMMAND writes it there)."""
    kernels = list(results)
    head = [f"{k} {c}" if len(kernels) > 1 else c for k in kernels for c in ("instructions", "cycles")]
    lines = ["| operation | " + " | ".join(head) + " |",
             "| --- |" + " ---: |" * len(head)]
    for op in ops:
        cells = [cell(results[k], op, c) for k in kernels for c in ("instructions", "cycles")]
        lines.append(f"| {op.label.replace('|', chr(92) + '|')} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def update_command(kernels, ops, path):
    """The command line that writes a table (the marker docgen looks for):
    BENCH_COMMAND for mono's table in docs/kernel.md, and the like."""
    return " ".join(["minos bench"] + [f"--kernel {k}" for k in kernels]
                    + ([f"--ops {ops}"] if ops else []) + [f"--update {path}"])


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
                   help=f"only these operations ({', '.join(op.key for op in OPERATIONS)}); "
                        f"`--ops {APP_OPERATION}` alone: the specialized application against cp")
    p.add_argument("--json", metavar="FILE", help="also write the results to FILE as JSON")
    add_table_options(p, "instructions and cycles")
    timeline.add_options(p)
    p.set_defaults(func=main)


def main(args):
    if args.cores < 1:
        raise BenchError(f"--cores must be at least 1 (got {args.cores})")
    keys = args.ops.split(",") if args.ops else None
    if keys and APP_OPERATION in keys:
        return xcp_main(args, keys)
    operations(keys)                    # an unknown operation is an error before anything runs
    root = command_root("bench")        # the tree the current folder is in (shell/project.py)
    kernels = list(dict.fromkeys(args.kernel)) if args.kernel else default_kernels()
    ops = operations(keys, ipc=IPC_KERNEL in kernels)
    # exo's own kernel paths (exo_paths.py: exception dispatch, pct, the
    # software TLB), measured from a bare program: a second table whenever
    # exo is named, and the only one for `minos bench --kernel exo` alone
    # (its table in docs/exo.md); --ops runs osbench's rows on exo too.
    exo_rows = "exo" in kernels and (root / "kernel" / "exo").is_dir()
    if exo_rows and kernels == ["exo"] and not args.ops:
        from . import exo_paths
        return exo_main(args, exo_paths.measure(root))
    for k in kernels:
        if not (root / "kernel" / k).is_dir():
            raise BenchError(f"kernel '{k}' does not exist yet (no kernel/{k} folder)")
        if k in NO_SHELL_YET and needs_shell(ops):
            raise BenchError(f"{k}: cannot run the benchmark yet (no shell: {NO_SHELL_YET[k]}); "
                             f"its IPC rows can: --ops {','.join(op.key for op in IPC_OPERATIONS)}")
        if k in NO_FILES_YET and any(op.key not in FILELESS and op not in IPC_OPERATIONS for op in ops):
            raise BenchError(f"{k}: cannot run the file operations yet ({NO_FILES_YET[k]}); "
                             f"choose from --ops {','.join(FILELESS + tuple(op.key for op in IPC_OPERATIONS))}")
    recorder = timeline.recorder_for(args)
    try:
        results = run_bench(kernels, ops, args.cores, args.engine,
                            on_boot=[recorder.booted] if recorder else ())
    finally:
        if recorder:
            timeline.report(recorder, "bench")
    exo = None
    if exo_rows:
        from . import exo_paths
        exo = exo_paths.measure(root)
    if args.update:
        from .docgen import update
        update(args.update, update_command(kernels, args.ops, args.update), markdown(results, ops))
        print(f"minos bench: updated the table in {args.update}", file=sys.stderr)
    else:
        print(markdown(results, ops) if args.markdown else tables(results, ops, args.cores))
        if exo_rows:
            print()
            print(exo_paths.table(exo))
    write_json(args, as_json(results, ops, args.cores), exo)
    return 0


def exo_main(args, exo):
    """`minos bench --kernel exo`: exo's rows alone."""
    from . import exo_paths
    if args.update:
        from .docgen import update
        update(args.update, EXO_COMMAND, exo_paths.markdown(exo))
        print(f"minos bench: updated the exo table in {args.update}", file=sys.stderr)
    else:
        print(exo_paths.markdown(exo) if args.markdown else exo_paths.table(exo))
    write_json(args, {}, exo)
    return 0


def xcp_main(args, keys):
    """`minos bench --ops xcp`: the specialized application against cp
    (shell/perf/xcp.py), a table of its own: its columns are mono, exo's
    Unix library OS and XCP's, whatever --kernel says."""
    from . import xcp
    if keys != [APP_OPERATION]:
        raise BenchError(f"--ops {APP_OPERATION} is measured on its own (its columns are mono, "
                         f"exo-unix and exo-xcp): drop {', '.join(k for k in keys if k != APP_OPERATION)}")
    results = xcp.measure(command_root("bench"), cores=args.cores, engine=args.engine)
    if args.update:
        from .docgen import update
        update(args.update, xcp.COMMAND, xcp.markdown(results))
        print(f"minos bench: updated the xcp table in {args.update}", file=sys.stderr)
    else:
        print(xcp.markdown(results) if args.markdown else xcp.table(results, args.cores))
    if args.json:
        write_json(args, {"xcp": results}, None)
    return 0


def write_json(args, data, exo):
    if not args.json:
        return
    if exo is not None:
        data["exo_paths"] = exo
    try:
        Path(args.json).write_text(json.dumps(data, indent=1) + "\n")
    except OSError as e:
        raise BenchError(f"{args.json}: cannot write: {e.strerror}") from None
