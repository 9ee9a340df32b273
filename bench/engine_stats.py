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

    python bench/engine_stats.py usertests

usertests in the OS, after a boot with the code cache (filled as a build
fills it): the guest instructions run by translated blocks, by replayed
runs (vm/replay.py) and by the reference's steps in fast._interpret, in
the kernel's ring and in user programs, split by where the code was
(`new`: a page that had not run at that address before; `copy`: the
bytes of a page that ran at that address in another frame, as a fork's
child or an exec of the same program has them; `same`: a page that ran
before in this frame), with the calls of each (a call is classed by the
page it starts on); and the dispatcher's long ways (fast._enter), the
quick-map misses the reference translated through a TLB hit, and the TLB
misses (Core.translate).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import vm.fast as fast                              # noqa: E402
import vm.region as region                          # noqa: E402
from bench.workloads import C_WORKLOADS, WORKLOADS, build, forget_translations   # noqa: E402
from vm.codecache import CACHE                      # noqa: E402
from vm.isa import ACCESS_EXEC                      # noqa: E402
from vm.machine import Machine                      # noqa: E402
from vm.mmu import PAGE_KEY                         # noqa: E402

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
        kind = "regions" if "PRE_LAST[go]" in block.source else None

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
    forget_translations()
    machine = Machine(engine="fast")
    machine.load_image(image)
    with Counting() as counting:
        start = time.process_time()
        result = machine.run(max_instructions=200_000_000)
        seconds = time.process_time() - start
    if result.reason != "halt":
        raise SystemExit(f"{name}: machine stopped: {result.reason} {result.message}")
    return result.instructions, seconds, counting.count, counting.seconds


class Tiers:
    """vm/fast.py's dispatcher and Core.translate, wrapped to count which
    tier runs each guest instruction of a run in the OS (usertests)."""

    def __init__(self):
        self.count = {}             # (tier, ring, where) -> [instructions, calls]
        self.events = dict.fromkeys(("long ways", "quick misses", "TLB misses"), 0)
        self.where = {}             # (frame, its rewrites, virtual page) -> new, copy or same
        self.first = {}             # (virtual page, the page's bytes) -> the first frame it ran in
        self.replayed = 0           # instructions replayed so far (inside _interpret's calls)
        self.saved = {}

    def __enter__(self):
        from vm.core import Core
        wrappers = {(fast, "_made"): self.made, (fast, "_interpret"): self.interpret,
                    (fast, "_replay"): self.replay, (fast, "_enter"): self.enter, (Core, "translate"): None}
        for (owner, name), wrapper in wrappers.items():
            self.saved[owner, name] = getattr(owner, name)
            setattr(owner, name, wrapper or self.translating(self.saved[owner, name]))
        return self

    def __exit__(self, *exc):
        for (owner, name), fn in self.saved.items():
            setattr(owner, name, fn)

    def clear(self):
        self.count.clear()
        self.events = dict.fromkeys(self.events, 0)

    def made(self, *args):
        block = self.saved[fast, "_made"](*args)
        fn, add = block.fn, self.add

        def counted(c, R, QR, QW):
            before, pc = c.instructions, c.pc
            try:
                return fn(c, R, QR, QW)
            finally:
                add("block", c, pc, c.instructions - before)
        block.fn = counted
        return block

    def interpret(self, core, quick, block=None):
        before, pc, replayed = core.instructions, core.pc, self.replayed
        try:
            return self.saved[fast, "_interpret"](core, quick, block)
        finally:
            self.add("step", core, pc, core.instructions - before - (self.replayed - replayed))

    def replay(self, core, block, quick, pc, paddr, maps):
        before = core.instructions
        try:
            return self.saved[fast, "_replay"](core, block, quick, pc, paddr, maps)
        finally:
            self.replayed += core.instructions - before
            self.add("replay", core, pc, core.instructions - before)

    def enter(self, *args):
        self.events["long ways"] += 1
        return self.saved[fast, "_enter"](*args)

    def translating(self, translate):
        def counted(core, vaddr, access):
            if core.tlb.quick[access].get(vaddr & PAGE_KEY) is None:
                hit = core.tlb.lookup(core.asid, vaddr >> 12) is not None
                self.events["quick misses" if hit else "TLB misses"] += 1
            return translate(core, vaddr, access)
        return counted

    def add(self, tier, core, pc, n):
        key = (tier, "kernel" if core.ring == 0 else "user", self.page_class(core, pc))
        counted = self.count.setdefault(key, [0, 0])
        counted[0] += n
        counted[1] += 1

    def page_class(self, core, pc):
        """new, copy or same (the module's doc) for the code at pc."""
        quick = core.tlb.quick[ACCESS_EXEC] if core.paging else None
        paddr = fast._code_paddr(quick, core.mem.size, pc)
        if paddr is None:
            return "?"
        mem, frame = core.mem, paddr >> 12
        key = (frame, mem.rewrites.get(frame, 0), pc >> 12)
        if key not in self.where:
            first = self.first.setdefault((pc >> 12, bytes(mem.ram[frame << 12:frame + 1 << 12])), frame)
            ran_here = any(k[0] == frame and k[2] == pc >> 12 for k in self.where)
            self.where[key] = "copy" if first != frame else "same" if ran_here else "new"
        return self.where[key]


def usertests():
    """Count the tiers of usertests after a boot with the code cache."""
    import tempfile
    from bench.mips import BOUND, translate_ahead
    from shell.system import System
    with tempfile.TemporaryDirectory() as folder:
        translate_ahead(folder)
        forget_translations()
        with Tiers() as tiers, System(engine="fast", code_cache=None) as system:
            system.build()
            system.code_cache = folder
            system.boot()
            system.wait_for("$ ", BOUND)
            tiers.clear()
            start = system.counters()["instructions"]
            system.type("usertests\n")
            system.wait_for("ALL TESTS PASSED", BOUND)
            total = system.counters()["instructions"] - start
    print(f"usertests after a boot with the code cache: {total:,} instructions")
    print(f"{'tier':7} {'ring':7} {'code':5} {'instructions':>13} {'share':>6} {'calls':>9} {'per call':>8}")
    for (tier, ring, where), (n, calls) in sorted(tiers.count.items(), key=lambda kv: -kv[1][0]):
        print(f"{tier:7} {ring:7} {where:5} {n:13,} {100 * n / total:5.1f}% {calls:9,} {n / calls:8.1f}")
    print(", ".join(f"{name} {n:,}" for name, n in tiers.events.items()))


def main():
    if sys.argv[1:] == ["usertests"]:
        return usertests()
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
