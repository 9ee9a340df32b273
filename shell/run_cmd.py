"""`minos run`: boot, run shell commands inside the OS, print their output.

How it works (docs/userland.md, "minos run"):

1. Build as usual, then make a private file-system image holding the
   built programs plus the commands, as the file /etc/minos-run.
2. Boot it through shell.system.System. init starts /bin/sh; a shell
   started by init that finds /etc/minos-run prints a marker line, runs the
   file as a script (standard input empty), and exits with the last
   command's status; init then powers the machine off with that status.
3. Everything the console printed before the marker (the boot banner) is
   dropped; the rest is passed through as it arrives.

Every run is bounded in instructions (--max-instructions), so a command
that never ends gives a clear error instead of a hang.
"""

import sys
import tempfile
from pathlib import Path

from vm.errors import MinosError
from vm.machine import ENGINES

from .build import KERNELS
from .project import command_root
from .sourcenotes import SourceNotes
from .system import System

MARKER = b"<<minos-run>>\n"          # printed by userland/sh.c before the script
SCRIPT_PATH = ("etc", "minos-run")   # where the script goes in the image
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
    """Console output sink: drops everything up to and including the marker,
    then hands the rest to `out` as it arrives."""

    def __init__(self, out, verbose):
        self.out = out
        self.verbose = verbose
        self.pending = bytearray()
        self.seen = False
        self.output = bytearray()

    def __call__(self, data):
        if self.verbose and self.out:
            self.out(data)
        if self.seen:
            self._emit(data)
            return
        self.pending += data
        at = self.pending.find(MARKER)
        if at >= 0:
            self.seen = True
            rest = bytes(self.pending[at + len(MARKER):])
            self.pending = bytearray()
            self._emit(rest)

    def _emit(self, data):
        self.output += data
        if self.out and not self.verbose and data:
            self.out(data)


def script_image(system, script, workdir):
    """A copy of the built file system with the script at /etc/minos-run."""
    images = system.images or system.build()
    extra = Path(workdir) / "extra"
    target = extra.joinpath(*SCRIPT_PATH)
    target.parent.mkdir(parents=True, exist_ok=True)
    if script and not script.endswith("\n"):
        script += "\n"
    target.write_text(script)
    fs_img = Path(workdir) / "run-fs.img"
    make_fs_from(fs_img, [images.dir / "root", extra])
    return fs_img


def make_fs_from(fs_img, dirs):
    from lang.fs import mkfs
    mkfs.make_image(str(fs_img), [str(d) for d in dirs])


def run_commands(script, kernel="mono", cores=1, max_instructions=DEFAULT_BOUND,
                 verbose=False, out=None, system=None, tap=None, **system_args):
    """Run `script` (shell command lines) in a freshly booted OS. Returns a
    RunResult; raises RunError if the run does not finish within the bound.
    tap: sees all the console output first, as it is printed (`minos prof`
    starts counting at the marker)."""
    own = system is None
    if own:
        system = System(kernel=kernel, cores=cores, **system_args)
    notes = SourceNotes(lambda: system.images, out) if out else None
    sink = _Filter(notes, verbose)
    system.console_out = sink if tap is None else (lambda data: (tap(data), sink(data)))
    try:
        with tempfile.TemporaryDirectory(prefix="minos-run-") as workdir:
            disk = script_image(system, script, workdir)
            system.boot(disk=str(disk))
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
    console = bytes(system.output)
    if result is None or result.reason == "limit":
        raise RunError(f"the commands did not finish within {bound:,} instructions "
                       f"(raise --max-instructions if they need more).{_tail(sink, console)}",
                       bytes(sink.output), timed_out=True)
    if result.reason != "halt":
        why = result.message or result.reason
        raise RunError(f"the machine stopped before the commands finished ({why})."
                       f"{_tail(sink, console)}")
    if not sink.seen:
        raise RunError("the shell never started the commands (no /bin/sh, or it does not "
                       f"know `minos run`).{_tail(sink, console)}")
    return RunResult(result.exit_code & 255, bytes(sink.output), used, console)


def _tail(sink, console):
    text = console[-600:].decode("utf-8", "replace")
    return f" Console output (last 600 bytes):\n{text}" if text else ""


def register(sub):
    p = sub.add_parser("run", help="boot, run shell commands in the OS, print their output",
                       description="Boot the OS, run the commands (given with -c, or a script "
                                   "on standard input) in its shell, print their output and "
                                   "exit with the last command's status.")
    p.add_argument("-c", dest="commands", metavar="CMDLINES",
                   help="command lines to run (several lines allowed, as with sh -c)")
    p.add_argument("--kernel", default="mono", choices=KERNELS)
    p.add_argument("--cores", type=int, default=1)
    p.add_argument("--mem", type=int, default=16, metavar="MIB")
    p.add_argument("--seed", type=int)
    p.add_argument("--engine", choices=sorted(ENGINES),
                   help="execution engine: fast (translated blocks) or ref (the reference interpreter)")
    p.add_argument("--max-instructions", type=int, default=DEFAULT_BOUND, metavar="N",
                   help=f"give up after N instructions (default {DEFAULT_BOUND:,})")
    p.add_argument("--verbose", action="store_true",
                   help="also show the boot messages and everything else the console prints")
    p.add_argument("--stats", action="store_true",
                   help="print the instruction count on standard error at the end")
    p.set_defaults(func=run)


def run(args):
    if args.cores < 1:
        raise RunError(f"--cores must be at least 1 (got {args.cores})")
    script = args.commands if args.commands is not None else sys.stdin.read()
    out = sys.stdout.buffer

    def write(data):
        out.write(data)
        out.flush()

    result = run_commands(script, kernel=args.kernel, cores=args.cores,
                          max_instructions=args.max_instructions, verbose=args.verbose,
                          out=write, mem_mib=args.mem, seed=args.seed, engine=args.engine,
                          root=command_root("run"))
    if args.stats:
        print(f"minos run: {result.instructions:,} instructions", file=sys.stderr)
    return result.status
