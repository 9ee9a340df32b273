"""Where the fast engine's time goes on a workload of bench/mips.py: one run
from an empty code cache, counted per million guest instructions
(what it compiled: in all).

    python bench/engine_stats.py [primes fib ...]     (default: the compiled-C workloads)

For each workload: the MIPS of the run (slower than bench/mips.py's: every
count below costs a Python call); `calls` how often the dispatcher called a
translated function (`regions` of them a region: vm/region.py), `by ref`
how often it called a block that could not be translated; `runs` the runs
of interpreted code and `interp` the instructions they ran (cold code,
before it proves hot, and what blocks leave to the reference); `blocks` and
`regions made` what was compiled; and the CPU seconds spent translating
and interpreting, of the run's total. The counts are the machine's and
exact; the seconds are CPU time, measured while the counting runs.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import vm.fast as fast                              # noqa: E402
import vm.region as region                          # noqa: E402
from bench.workloads import C_WORKLOADS, WORKLOADS, build   # noqa: E402
from vm.codecache import CACHE                      # noqa: E402
from vm.machine import Machine                      # noqa: E402

PER_MILLION = ["calls", "regions", "by ref", "runs", "interp"]
FIELDS = PER_MILLION + ["blocks", "regions made"]


class Counting:
    """vm/fast.py's functions, wrapped to count (and time) what a run does."""

    def __init__(self):
        self.count = dict.fromkeys(FIELDS, 0)
        self.seconds = {"translate": 0.0, "interpret": 0.0}
        self.depth = 0              # translate calls itself (a region's members)
        self.saved = {}

    def __enter__(self):
        for module, name in ((fast, "_made"), (fast, "translate"), (fast, "_interpret"),
                             (fast, "_by_reference"), (fast, "_compiled"), (region, "region_source")):
            self.saved[module, name] = getattr(module, name)
            setattr(module, name, getattr(self, name.lstrip("_")))
        return self

    def __exit__(self, *exc):
        for (module, name), fn in self.saved.items():
            setattr(module, name, fn)

    def real(self, module, name):
        return self.saved[module, name]

    def made(self, *args):
        block = self.real(fast, "_made")(*args)
        fn, count = block.fn, self.count
        kind = "regions" if "go = MEMBER.get(nxt)" in block.source else None

        def counted(c, R, QR, QW):
            count["calls"] += 1
            if kind:
                count[kind] += 1
            return fn(c, R, QR, QW)
        block.fn = counted
        return block

    def translate(self, *args, **kwargs):
        self.depth += 1
        start = time.process_time()
        try:
            return self.real(fast, "translate")(*args, **kwargs)
        finally:
            self.depth -= 1
            if not self.depth:
                self.seconds["translate"] += time.process_time() - start

    def interpret(self, core, quick, block=None):
        self.count["runs"] += 1
        before, start = core.instructions, time.process_time()
        try:
            return self.real(fast, "_interpret")(core, quick, block)
        finally:
            self.count["interp"] += core.instructions - before
            self.seconds["interpret"] += time.process_time() - start

    def by_reference(self, core, R, QR, QW):
        self.count["by ref"] += 1
        return self.real(fast, "_by_reference")(core, R, QR, QW)

    def compiled(self, mem, pages, trace, paging):
        entries = CACHE.entries
        entry = self.real(fast, "_compiled")(mem, pages, trace, paging)
        self.count["blocks"] += CACHE.entries - entries
        return entry

    def region_source(self, *args):
        self.count["regions made"] += 1
        return self.real(region, "region_source")(*args)


def stats(name):
    """(instructions, seconds, counts, seconds per part) of one run."""
    image = build(name)
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image)
    with Counting() as counting:
        start = time.process_time()
        result = machine.run(max_instructions=200_000_000)
        seconds = time.process_time() - start
    if result.reason != "halt":
        raise SystemExit(f"{name}: machine stopped: {result.reason} {result.message}")
    return result.instructions, seconds, counting.count, counting.seconds


def main():
    names = sys.argv[1:] or sorted(C_WORKLOADS)
    unknown = set(names) - set(WORKLOADS)
    if unknown:
        raise SystemExit(f"unknown workload {', '.join(sorted(unknown))} (one of {', '.join(WORKLOADS)})")
    print(f"{'workload':10} {'MIPS':>6} " + " ".join(f"{f:>8}" for f in FIELDS)
          + "   (all but the last two per million instructions); CPU s: translate, interpret / total")
    for name in names:
        instructions, seconds, count, parts = stats(name)
        per = 1e6 / instructions
        print(f"{name:10} {instructions / seconds / 1e6:6.1f} "
              + " ".join(f"{count[f] * (per if f in PER_MILLION else 1):8.0f}" for f in FIELDS)
              + f"   {parts['translate']:.3f}, {parts['interpret']:.3f} / {seconds:.3f}", flush=True)


if __name__ == "__main__":
    main()
