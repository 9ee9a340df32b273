"""Kernel costs in exact instructions: the baseline the kernel structures are
compared on.

    python bench/kernel.py [--kernel mono] [--cores 1]

Prints instructions from reset to the shell prompt, then per operation (run
by userland/bin/osbench between two console markers, N=1 and N=1+K times;
the difference divided by K is the cost of one operation, free of the
measuring) its instructions and its cycles (docs/isa.md's cost model: a
block instruction such as a page copy is one instruction but a cycle per
word, so the two tell different stories about copying):

    null syscall      getpid round trip
    spawn             fork + exec of /bin/true + exit + wait
    pipe 64 KiB       64 KiB through a pipe to a child (per 64 KiB)
    file              create + write 100 bytes + close + unlink
    fork 200 pages    fork of a process with 200 pages of heap + exit + wait
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shell.system import System  # noqa: E402

PROMPT = "$ "
BOUND = 200_000_000
OPERATIONS = [("null syscall", "null", 1000, 1), ("spawn", "spawn", 10, 1),
              ("pipe 64 KiB", "pipe", 64 * 4, 64), ("file", "file", 20, 1),
              ("fork 200 pages", "fork200", 10, 1)]


class Marks:
    """(instructions, cycles) at the moments marker lines are printed."""

    def __init__(self, system):
        self.system = system
        self.line = bytearray()
        self.at = {}

    def output(self, data):
        for byte in data:
            if byte == 10:
                text = self.line.decode(errors="replace")
                if text.startswith("[osbench"):
                    cores = self.system.machine.cores
                    self.at[text] = (sum(c.instructions for c in cores), sum(c.cycles for c in cores))
                self.line = bytearray()
            else:
                self.line.append(byte)


def measure(system, marks, op, n):
    system.type(f"osbench {op} {n}\n")
    system.wait_for("[osbench end]", BOUND)
    system.wait_for(PROMPT, BOUND)
    end, start = marks.at["[osbench end]"], marks.at["[osbench start]"]
    return end[0] - start[0], end[1] - start[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", default="mono")
    parser.add_argument("--cores", type=int, default=1)
    args = parser.parse_args()
    system = System(kernel=args.kernel, cores=args.cores)
    marks = Marks(system)
    system.console_out = marks.output
    with system:
        system.boot()
        system.wait_for(PROMPT, BOUND)
        boot = sum(c.instructions for c in system.machine.cores)
        print(f"boot to shell prompt: {boot:,} instructions")
        for label, op, k, per in OPERATIONS:
            one = measure(system, marks, op, per)
            many = measure(system, marks, op, per + k)
            print(f"{label}: {(many[0] - one[0]) / (k / per):,.0f} instructions, "
                  f"{(many[1] - one[1]) / (k / per):,.0f} cycles")


if __name__ == "__main__":
    main()
