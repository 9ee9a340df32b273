"""`minos machine IMAGE`: run an image on the bare machine.

Exit status: the value the program wrote to the power device, modulo 256;
or, when the machine stopped for another reason (a message on stderr says
which), one of STATUS below.
"""

import argparse
import sys

from vm.errors import MinosError
from vm.image import Image
from vm.machine import ENGINES, Machine
from vm.trace import Tracer, parse_kinds

from .hostinput import StdinInput

# Why the machine stopped -> exit status: the instruction limit was reached,
# every core waits for an interrupt that cannot come, a trap while entering
# a trap handler, the power was cut by --power-cut-after-writes.
STATUS = {"limit": 124, "idle": 125, "doublefault": 126, "powercut": 127}


def count_arg(least):
    """An argparse type: an integer >= least (a usage error otherwise)."""
    def parse(text):
        try:
            n = int(text, 0)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if n < least:
            raise argparse.ArgumentTypeError(f"{n} is less than {least}")
        return n
    return parse


def register(sub):
    p = sub.add_parser("machine", help="run an image on the bare machine",
                       description="Run an executable image on the bare machine: console output "
                                   "to stdout, stdin to the console, exit status from the power device.")
    p.add_argument("image", help="executable image (from minos ld or minos cc)")
    p.add_argument("--cores", type=int, default=1, help="number of cores (1-16)")
    p.add_argument("--disk", help="disk image file backing the block device")
    p.add_argument("--mem", type=int, default=16, metavar="MIB", help="RAM in MiB (default 16)")
    p.add_argument("--max-instructions", type=count_arg(1), metavar="N",
                   help="stop after N instructions")
    p.add_argument("--seed", type=int, help="shuffle the interleaving of cores reproducibly")
    p.add_argument("--stats", action="store_true", help="print the counters when the machine stops")
    p.add_argument("--trace", nargs="?", const="", metavar="KINDS",
                   help="trace events: comma-separated from insn,trap,tlb,irq,disk,ring (default all)")
    p.add_argument("--trace-file", help="write the trace here instead of stderr")
    p.add_argument("--power-cut-after-writes", type=count_arg(1), metavar="N",
                   help="cut the power right after the N-th disk write completes "
                        "(exit status 127)")
    p.add_argument("--engine", choices=sorted(ENGINES),
                   help="execution engine: fast (translated blocks) or ref (the reference interpreter)")
    p.set_defaults(func=run)


def symbolizer(image_path):
    """Symbol names from the image's debug file, if the toolchain wrote one."""
    try:
        from lang.debuginfo import DebugInfo
        info = DebugInfo.load(image_path)
    except (ImportError, MinosError, OSError):
        return None

    def name(addr):
        found = info.symbol_at(addr)
        if not found:
            return None
        sym, off = found
        return f"{sym}+{off:#x}" if off else sym
    return name


class SharedTerminal:
    """Console output (stdout) and --trace lines (stderr) on one terminal,
    never mixed within a line: the console's output goes out a line at a
    time (an unfinished one when the machine waits for input or stops),
    and a trace line that comes while an unfinished console line is on the
    screen starts on a line of its own."""

    def __init__(self, out, err):
        self.out, self.err = out, err
        self.partial = bytearray()       # console output not shown yet
        self.open_line = False           # an unfinished console line is on the screen

    def console(self, data):
        self.partial += data
        cut = self.partial.rfind(b"\n") + 1
        if cut:
            self.show(self.partial[:cut])
            del self.partial[:cut]
            self.open_line = False

    def flush(self):
        if self.partial:
            self.show(self.partial)
            self.open_line = not self.partial.endswith(b"\n")
            self.partial = bytearray()

    def trace(self, text):
        if self.open_line:
            self.err.write("\n")
            self.open_line = False
        self.err.write(text)
        self.err.flush()

    def show(self, data):
        self.out.write(bytes(data))
        self.out.flush()


def run(args):
    image = Image.load(args.image)
    terminal = SharedTerminal(sys.stdout.buffer, sys.stderr)
    shared = args.trace is not None and not args.trace_file     # both on the terminal
    console_out = terminal.console if shared else terminal.show
    machine = Machine(cores=args.cores, mem_mib=args.mem, disk=args.disk, seed=args.seed,
                      console_out=console_out, console_in=StdinInput(on_wait=terminal.flush),
                      power_cut_after_writes=args.power_cut_after_writes, engine=args.engine)
    machine.load_image(image)
    trace_file = None
    if args.trace is not None:
        kinds = parse_kinds(args.trace)
        trace_file = open(args.trace_file, "w") if args.trace_file else None
        write = trace_file.write if trace_file else terminal.trace
        Tracer(kinds, write, symbolizer(args.image)).attach(machine)
    try:
        result = machine.run(max_instructions=args.max_instructions)
    finally:
        terminal.flush()
        machine.close()
        if trace_file:
            trace_file.close()
    if args.stats:
        from .stats import print_counters     # rich: imported only when asked for
        print_counters(machine, sys.stderr)
    if result.reason == "halt":
        return result.exit_code & 0xFF
    if result.reason == "limit":
        print(f"minos machine: stopped after {result.instructions} instructions "
              f"(--max-instructions {args.max_instructions})", file=sys.stderr)
    elif result.message:
        print(f"minos machine: {result.message}", file=sys.stderr)
    return STATUS.get(result.reason, 1)
