"""`minos run`: boot, run shell commands inside the OS, print their output.

How it works (docs/userland.md, "minos run"):

1. Build as usual, then make a private file-system image holding the
   built programs plus the commands, as the file /etc/minos-run: the
   built fs.img with that file added (shell/build.py built_disk_with),
   kept in memory.
2. Boot it through shell.system.System. init starts /bin/sh; a shell
   started by init that finds /etc/minos-run removes it, prints a marker
   line, runs the file as a script (standard input empty), and exits with
   the last command's status; init then powers the machine off with that
   status.
3. Everything the console printed before the marker (the boot banner) is
   dropped (shown with --verbose); the rest is passed through as it
   arrives. The marker is never shown.

Every run is bounded in instructions (--max-instructions), so a command
that never ends gives a clear error instead of a hang.
"""

import sys

from vm.errors import MinosError
from vm.machine import ENGINES

from .build import KERNELS, NO_SHELL_YET, built_disk_with
from .project import command_root
from .sourcenotes import SourceNotes
from .system import System

MARKER = b"<<minos-run>>\n"          # printed by userland/sh.c before the script
SCRIPT_PATH = "etc/minos-run"        # where the script goes in the image
DEFAULT_BOUND = 500_000_000
CHUNK = 2_000_000


class RunError(MinosError):
    """A run that did not finish. output: what the commands printed until
    then; timed_out: the instruction bound ran out (a hang, or too slow)."""

    def __init__(self, message, output=b"", timed_out=False):
        super().__init__(message)
        self.output = output
        self.timed_out = timed_out


class RunResult:
    """What one `minos run` produced."""

    def __init__(self, status, output, instructions, console):
        self.status = status            # the last command's exit status
        self.output = output            # the commands' console output (bytes)
        self.instructions = instructions
        self.console = console          # everything the console printed


class _Filter:
    """Console output sink: drops everything up to and including the marker
    (verbose: shows the boot messages, but never the marker itself), then
    hands the rest to `out` as it arrives."""

    def __init__(self, out, verbose):
        self.out = out
        self.verbose = verbose
        self.pending = bytearray()
        self.seen = False
        self.output = bytearray()

    def __call__(self, data):
        if self.seen:
            self._emit(data)
            return
        self.pending += data
        at = self.pending.find(MARKER)
        if at >= 0:
            self.seen = True
            before, rest = bytes(self.pending[:at]), bytes(self.pending[at + len(MARKER):])
            self.pending = bytearray()
            self._show(before)
            self._emit(rest)
        elif self.verbose:
            # show all but the end that may yet turn out to be the marker
            keep = next(n for n in range(min(len(MARKER) - 1, len(self.pending)), -1, -1)
                        if self.pending.endswith(MARKER[:n]))
            self._show(bytes(self.pending[:len(self.pending) - keep]))
            del self.pending[:len(self.pending) - keep]

    def _show(self, data):
        if self.out and self.verbose and data:
            self.out(data)

    def _emit(self, data):
        self.output += data
        if self.out and data:
            self.out(data)

    def shown(self, console):
        """What the user saw of the console (for error messages)."""
        if self.seen:
            return bytes(self.output)
        return bytes(console).replace(MARKER, b"")


def script_image(system, script):
    """The disk of a run (a bytearray): the built file system with the
    script at /etc/minos-run."""
    images = system.images or system.build()
    if script and not script.endswith("\n"):
        script += "\n"
    return built_disk_with(images, {SCRIPT_PATH: script.encode()})


def run_commands(script, kernel="mono", cores=1, max_instructions=DEFAULT_BOUND,
                 verbose=False, out=None, system=None, tap=None, **system_args):
    """Run `script` (shell command lines) in a freshly booted OS. Returns a
    RunResult; raises RunError if the run does not finish within the bound.
    tap: sees all the console output first, as it is printed (`minos prof`
    starts counting at the marker)."""
    if kernel in NO_SHELL_YET:
        raise RunError(f"the {kernel} kernel cannot run commands yet (no shell: {NO_SHELL_YET[kernel]}); "
                       f"`minos boot --kernel {kernel}` shows what it does")
    own = system is None
    if own:
        system = System(kernel=kernel, cores=cores, **system_args)
    notes = SourceNotes(lambda: system.images, out) if out else None
    sink = _Filter(notes, verbose)
    system.console_out = sink if tap is None else (lambda data: (tap(data), sink(data)))
    try:
        system.boot(disk=script_image(system, script))
        used = 0
        result = None
        while used < max_instructions:
            result = system.run(min(CHUNK, max_instructions - used))
            used += result.instructions
            if result.reason != "limit":
                break
        return _finish(system, sink, result, used, max_instructions)
    finally:
        if notes:
            notes.flush()
        if own:
            system.close()


def _finish(system, sink, result, used, bound):
    console = sink.shown(system.output)
    if result is None or result.reason == "limit":
        raise RunError(f"the commands did not finish within {bound:,} instructions "
                       f"(raise --max-instructions if they need more).{_tail(console)}",
                       bytes(sink.output), timed_out=True)
    if result.reason != "halt":
        why = result.message or result.reason
        raise RunError(f"the machine stopped before the commands finished ({why})."
                       f"{_tail(console)}")
    if not sink.seen:
        raise RunError("the shell never started the commands (no /bin/sh, or it does not "
                       f"know `minos run`).{_tail(console)}")
    return RunResult(result.exit_code & 255, bytes(sink.output), used, bytes(system.output))


def _tail(console):
    text = console[-600:].decode("utf-8", "replace")
    return f" Console output (last 600 bytes):\n{text}" if text else ""


EXAMPLES = """examples:
  minos run -c 'ls /bin'                  run a command line in the OS
  minos run -c 'echo hi; false'           several; minos exits with the last one's status
  printf 'ls\\ncat /f\\n' | minos run     a script on standard input"""


def add_run_options(p, engine_help="execution engine: fast (translated blocks) or ref "
                                    "(the reference interpreter)"):
    """The options of a command that runs shell commands in a booted OS
    (`minos run`, `minos prof`): -c, --kernel, --cores, --mem, --seed,
    --engine, --max-instructions."""
    p.add_argument("-c", dest="commands", metavar="CMDLINES",
                   help="command lines to run (several lines allowed, as with sh -c)")
    p.add_argument("--kernel", default="mono", choices=KERNELS)
    p.add_argument("--cores", type=int, default=1)
    p.add_argument("--mem", type=int, default=16, metavar="MIB")
    p.add_argument("--seed", type=int)
    p.add_argument("--engine", choices=sorted(ENGINES), help=engine_help)
    p.add_argument("--max-instructions", type=int, default=DEFAULT_BOUND, metavar="N",
                   help=f"give up after N instructions (default {DEFAULT_BOUND:,})")


def register(sub):
    import argparse
    p = sub.add_parser("run", help="boot, run shell commands in the OS, print their output",
                       description="Boot the OS, run the commands (given with -c, or a script "
                                   "on standard input) in its shell, print their output and "
                                   "exit with the last command's status.",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("stray", nargs="*", help=argparse.SUPPRESS)   # `minos run ls`: forgot -c
    add_run_options(p)
    p.add_argument("--verbose", action="store_true",
                   help="also show the boot messages and everything else the console prints")
    p.add_argument("--stats", action="store_true",
                   help="print the instruction count on standard error at the end")
    from .inject import add_inject_option
    add_inject_option(p)
    from . import timeline
    timeline.add_options(p)
    p.set_defaults(func=run, usage=p.format_usage())



def usage(args, why):
    """Say why there is nothing to run, with the usage and examples; status 2."""
    print(f"minos run: {why}\n{args.usage}{EXAMPLES}", file=sys.stderr)
    return 2


def run(args):
    if args.cores < 1:
        raise RunError(f"--cores must be at least 1 (got {args.cores})")
    if args.stray:
        words = " ".join(args.stray)
        return usage(args, f"the commands go after -c: minos run -c '{words}'")
    if args.commands is None and sys.stdin.isatty():
        return usage(args, "no commands: give them with -c, or a script on standard input")
    script = args.commands if args.commands is not None else sys.stdin.read()
    if not script.strip():
        return usage(args, "no commands: " + ("-c is empty" if args.commands is not None
                                              else "standard input is empty"))
    out = sys.stdout.buffer

    def write(data):
        out.write(data)
        out.flush()

    from . import timeline
    recorder = timeline.recorder_for(args)
    from .inject import injector_for, report_injected
    root = command_root("run")
    injector = injector_for(args, root)
    try:
        result = run_commands(script, kernel=args.kernel, cores=args.cores,
                              max_instructions=args.max_instructions, verbose=args.verbose,
                              out=write, mem_mib=args.mem, seed=args.seed, engine=args.engine,
                              root=root,
                              on_boot=[fn for fn in (recorder and recorder.booted, injector) if fn])
    finally:
        if recorder:
            timeline.report(recorder, "run")
        report_injected(injector, "run")
    if args.stats:
        print(f"minos run: {result.instructions:,} instructions", file=sys.stderr)
    return result.status
