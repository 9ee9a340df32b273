"""`minos prof`: run commands in the OS and show where their instructions
went, by function (docs/measuring.md).

    minos prof -c 'CMDS' [--top N] [--pid N | --program NAME] [--kernel-only] [--json]
    minos prof -c 'CMDS' --between LINE1 LINE2     only between two console lines
    minos prof --null-call [--markdown] [--update docs/kernel.md]
                                                  a null system call, per call
"""

import sys

from vm.errors import MinosError

from ..project import command_root
from ..run_cmd import DEFAULT_BOUND, MARKER, add_run_options
from .docgen import add_options as add_table_options

RUN_MARKER = MARKER.decode().strip()
NULL_CALLS = 1000          # null calls the per-call table is averaged over
NULL_COMMAND = "minos prof --null-call --update docs/kernel.md"   # writes docs/kernel.md's table


class ProfCommandError(MinosError):
    pass


def register(sub):
    p = sub.add_parser("prof", help="run commands in the OS and count instructions by function",
                       description="Boot the OS, run the commands (as `minos run` does) and print "
                                   "exact instructions and cycles by function: kernel functions "
                                   "and each program's, with the ring they ran in.")
    add_run_options(p, engine_help="engine for what is not profiled (the profiled part always "
                                   "runs the reference interpreter's counting loop)")
    p.add_argument("--top", type=int, default=25, metavar="N", help="show the N busiest rows (default 25; 0: all)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--pid", type=int, help="only process N: its code and the kernel's on its behalf")
    which.add_argument("--program", metavar="NAME",
                       help="only processes running NAME: its code and the kernel's on their behalf")
    p.add_argument("--kernel-only", action="store_true", help="only kernel functions (ring 0)")
    p.add_argument("--between", nargs=2, metavar=("LINE1", "LINE2"),
                   help="count only from the console line LINE1 to the line LINE2 "
                        "(e.g. '[osbench start]' '[osbench end]')")
    p.add_argument("--json", action="store_true", help="print the rows as JSON")
    p.add_argument("--null-call", action="store_true",
                   help="profile a null system call (getpid), per call: osbench null 1 and "
                        f"null {1 + NULL_CALLS}, the difference divided by {NULL_CALLS}")
    add_table_options(p, "the null call's instructions (with --null-call)")
    p.set_defaults(func=run)


def run(args):
    if args.cores < 1:
        raise ProfCommandError(f"--cores must be at least 1 (got {args.cores})")
    if args.top < 0:
        raise ProfCommandError(f"--top must be 0 or more (got {args.top})")
    command_root("prof")        # say so if the tree built is not the installed one
    if args.null_call:
        if args.commands is not None or args.between:
            raise ProfCommandError("--null-call runs its own commands: no -c or --between with it")
        text = null_call_table(args.kernel, args.cores, args.engine, markdown=args.markdown or bool(args.update))
        if args.update:
            from .docgen import update
            update(args.update, NULL_COMMAND, text)
            print(f"minos prof: updated the null-call table in {args.update}", file=sys.stderr)
        else:
            print(text)
        return 0
    if args.markdown or args.update:
        raise ProfCommandError("--markdown and --update go with --null-call")
    if args.commands is None:
        raise ProfCommandError("give the commands to profile with -c (or use --null-call)")
    profile, status = profile_commands(args.commands, args.kernel, args.cores, args.engine, args.mem,
                                       args.max_instructions, args.between, seed=args.seed,
                                       out=sys.stderr.buffer if args.json else sys.stdout.buffer)
    if args.pid is not None and args.pid not in profile.pids():
        raise ProfCommandError(f"no process {args.pid} ran in the profiled region "
                               f"(pids: {', '.join(map(str, profile.pids()))})")
    if args.program is not None and args.program not in profile.programs():
        raise ProfCommandError(f"no program '{args.program}' ran in the profiled region "
                               f"(programs: {', '.join(profile.programs())})")
    from .profile import as_json, table
    rows = profile.rows(pid=args.pid, program=args.program, kernel_only=args.kernel_only)
    if args.json:
        print(as_json(profile, rows))
    else:
        c = profile.counters
        print(f"\n{c['instructions']:,} instructions, {c['cycles']:,} cycles "
              f"({c['idle_cycles']:,} idle) on {args.cores} core(s), kernel {args.kernel}")
        only = [f"process {args.pid}" if args.pid is not None else None,
                f"processes running {args.program}" if args.program else None,
                "the kernel" if args.kernel_only else None]
        only = [o for o in only if o]
        if only:
            print(f"rows: only {' and '.join(only)} (share: of these rows)")
        print(table(rows, top=args.top or None, total=sum(r.instructions for r in rows)))
    return status


def new_profiler(system):
    """A Profiler for a built System's kernel and programs."""
    from lang.debuginfo import DebugInfo

    from ..build import program_debug_file
    from .kernel_view import KernelView
    from .profile import Profiler
    images = system.images or system.build()
    kernel_info = DebugInfo.load(str(images.kernel_img), required=True)

    def program_dbg(name):
        path = program_debug_file(images, name)
        return str(path) if path else None
    return Profiler(KernelView(kernel_info), kernel_info, program_dbg)


def profile_commands(script, kernel="mono", cores=1, engine=None, mem_mib=16,
                     max_instructions=DEFAULT_BOUND, between=None, out=None, seed=None):
    """Run the commands as `minos run` does, counting from the moment the
    shell starts them (or between the two console lines `between`) to the
    end. Returns (Profile, the commands' exit status)."""
    from ..run_cmd import run_commands
    from ..system import System
    from .session import LineTap
    first, last = between or (RUN_MARKER, None)
    with System(kernel=kernel, cores=cores, mem_mib=mem_mib, engine=engine, seed=seed) as system:
        profiler = new_profiler(system)

        def on_line(text):
            if profiler.machine is None and text == first:
                profiler.start(system.machine, at_next_run=last is None)
            elif profiler.running and text == last:
                profiler.stop()

        def write(data):
            if out:
                out.write(data)
                out.flush()
        result = run_commands(script, system=system, tap=LineTap(on_line), out=write,
                              max_instructions=max_instructions)
        if profiler.machine is None:
            raise ProfCommandError(f"the commands never printed the line {first!r}")
        if between and profiler.running:
            raise ProfCommandError(f"the commands printed {first!r} but never {last!r} after it")
        return profiler.profile(), result.status


def null_call_rows(kernel="mono", cores=1, engine=None, calls=NULL_CALLS, bound=50_000_000):
    """Where one null system call's instructions go: osbench null 1 and
    osbench null 1+calls profiled between their markers, the difference
    divided by calls (each wait bounded by `bound` instructions). Returns
    [(function, program, ring, instructions,
    cycles)] per call, most instructions first, and the bench's figure
    (instructions, cycles) per call from the machine's counters."""
    from .session import Session
    state = {}

    def on_line(text):
        profiler = state.get("profiler")
        if text == "[osbench start]":
            profiler.start(session.system.machine)
        elif text == "[osbench end]":
            profiler.stop()

    with Session(kernel, cores, engine, bound=bound, on_line=on_line) as session:
        system = session.start()
        profiles, measured = [], []
        for n in (1, 1 + calls):
            state["profiler"] = new_profiler(system)
            measured.append(session.between(f"osbench null {n}"))
            profiles.append(state["profiler"].profile())
    totals = {}
    for sign, profile in ((-1, profiles[0]), (1, profiles[1])):
        for r in profile.rows():
            row = totals.setdefault((r.function, r.program, r.ring), [0, 0])
            row[0] += sign * r.instructions
            row[1] += sign * r.cycles
    rows = [(f, prog, ring, n / calls, c / calls) for (f, prog, ring), (n, c) in totals.items()
            if n or c]
    rows.sort(key=lambda r: (-r[3], -r[4], r[0]))
    per_call = tuple((measured[1][k] - measured[0][k]) / calls for k in ("instructions", "cycles"))
    return rows, per_call


def null_call_table(kernel="mono", cores=1, engine=None, calls=NULL_CALLS, markdown=False):
    from .profile import format_columns, number
    rows, (instructions, cycles) = null_call_rows(kernel, cores, engine, calls)
    total = sum(r[3] for r in rows) or 1
    if markdown:
        lines = ["| function | program | ring | instructions | cycles | share |",
                 "| --- | --- | --- | ---: | ---: | ---: |"]
        lines += [f"| `{f}` | {prog} | {ring} | {number(n)} | {number(c)} | {100 * n / total:.1f}% |"
                  for f, prog, ring, n, c in rows]
        lines.append(f"| **total** | | | **{number(instructions)}** | **{number(cycles)}** | |")
        return "\n".join(lines)
    lines = [("function", "program", "ring", "instructions", "cycles", "share")]
    lines += [(f, prog, str(ring), number(n), number(c), f"{100 * n / total:.1f}%")
              for f, prog, ring, n, c in rows]
    lines.append(("total", "", "", number(instructions), number(cycles), ""))
    return (f"a null system call (getpid round trip), per call, averaged over {calls:,} calls:\n"
            + format_columns(lines, right=(3, 4, 5)))
