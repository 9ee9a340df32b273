"""How fast CPython lets translated code go: the highest MIPS, and fast/ref
ratio, that the compiled-C workloads could reach in blocks of Python made
as vm/blockgen.py makes them, if entering and leaving blocks cost nothing.

    python bench/ceiling.py [--repeat 5] [--update docs/engines.md] [workload ...]

A block turns each machine instruction into Python operations on local
variables (docs/engines.md): an add into `a = b + c`, a word load into an
index of the memory's word list, a branch into a compare and a jump. This
bench times the cheapest form of each kind in a loop (`FORMS`: an add with
no mask, a load or store of a word whose page was already looked up, a
branch on an unsigned compare, a `li`, `mov`, `nop` or `jmp` for nothing),
counts how many instructions of each kind a workload runs (the reference
interpreter with a tally, vm/machine.py set_tally), and adds up

    ceiling time = sum over kinds of (instructions of that kind) x (cost of its form)

which is less than any translation that keeps one Python operation per
machine operation can take: it leaves out the masks, the page look-ups,
the signed compares, the counts, the exits and the dispatcher. Only a
translation that runs fewer operations than the program has instructions
goes past it (a counted loop, vm/counted.py, drops a loop's increment and
branch; the synthetic alu loop is faster than its ceiling that way).

Prints per workload: its instruction mix, the reference's and the fast
engine's MIPS measured now (the fast engine's second run, its code already
translated), the ceiling's MIPS and ceiling/ref. Times are CPU time of
this process, best of --repeat."""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workloads import C_WORKLOADS, build, forget_translations  # noqa: E402
from vm.interp import decode_at  # noqa: E402
from vm.machine import Machine  # noqa: E402

# What a block makes of each kind of instruction (names as in the blocks
# vm/blockgen.py writes: r.. registers, W the memory's words, QR and QW the
# quick read and write maps, w a word index a group's first access looked
# up): the cheapest form, where a block can drop the mask, the page look-up
# or the sign, and the form it has when it cannot. Kinds not here (system
# instructions, bcopy, bfill, swap) cost what the reference takes.
FORMS = {   # kind: (cheapest, usual)
    "alu": ("r1 = r2 + r3", "r1 = (r2 + r3) & 4294967295"),
    "div": ("r1 = r2 // r3", "r1 = (r2 // r3) & 4294967295"),
    "load": ("r1 = W[w + 1]", "r1 = W[(r2 + QR[r2 & -4093]) >> 2]"),
    "store": ("W[w + 1] = r1", "W[(r2 + QW[r2 & -4093]) >> 2] = r1"),
    "branch": ("if r1 < r2: pass", "if r1 ^ 2147483648 < r2 ^ 2147483648: pass"),
    "call": ("r15 = 21840", "r15 = 21840"),                       # lr = the return address
    "jr": ("if r15 != 21840: pass", "if r15 != 21840: pass"),     # a return to a call in the trace
    "li": ("", ""), "mov": ("", "r1 = r2"), "nop": ("", ""), "jmp": ("", ""),
}
UPDATE_COMMAND = "python bench/ceiling.py --update docs/engines.md"   # writes its table there
COPIES = 20            # of a form, one after another in the timed loop
LOOPS = 50_000


def form_costs(repeat, which):
    """Seconds per instruction of each kind's form (which: 0 cheapest, 1
    usual), less the loop's own cost."""
    def timed(statement):
        body = "\n".join("        " + statement for _ in range(COPIES)) if statement else "        pass"
        source = (f"def f(W, QR, QW):\n    r1 = 1000003; r2 = 20000; r3 = 3; r15 = 21840; w = 5000\n"
                  f"    for _ in range({LOOPS}):\n{body}\n")
        namespace = {}
        exec(compile(source, "<form>", "exec"), namespace)
        words = list(range(1000000, 1010000))     # values of the size code works with
        pages = {page: 0 for page in range(0, 40960, 4096)}
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            namespace["f"](words, pages, pages)
            best = min(best, time.process_time() - start)
        return best
    empty = timed("")
    return {kind: max(0.0, timed(forms[which]) - empty) / (COPIES * LOOPS) if forms[which] else 0.0
            for kind, forms in FORMS.items()}


def instruction_mix(image):
    """Instructions run by kind (the reference, tallied by pc), and the run's result."""
    counts = {}
    machine = Machine(engine="ref")
    machine.load_image(image)
    machine.set_tally(lambda core: (counts, {}, -1))
    result = machine.run(max_instructions=200_000_000)
    mix = {}
    for pc, n in counts.items():
        kind = decode_at(machine.memory, pc)[6].kind    # paging is off: pc is physical
        mix[kind] = mix.get(kind, 0) + n
    return mix, result


def mips(image, engine, repeat, warm=False):
    """Best MIPS of a run; warm: a run after one that translated its code."""
    best = 0.0
    for _ in range(repeat):
        forget_translations()
        for run in range(2 if warm else 1):
            machine = Machine(engine=engine)
            machine.load_image(image)
            start = time.process_time()
            result = machine.run(max_instructions=200_000_000)
            elapsed = time.process_time() - start
        best = max(best, result.instructions / elapsed / 1e6)
    return best


def measure(names, repeat):
    """The forms' costs (cheapest, usual) and a row per workload."""
    costs = (form_costs(repeat, 0), form_costs(repeat, 1))
    rows = []
    for name in names:
        image = build(name)
        mix, result = instruction_mix(image)
        total = sum(mix.values())
        ref = mips(image, "ref", repeat)

        def bound(cost):        # MIPS if every instruction cost its form, nothing else
            return total / sum(n * cost.get(kind, 1 / (ref * 1e6)) for kind, n in mix.items()) / 1e6
        rows.append(dict(name=name, instructions=total, mix=mix, ref=ref,
                         fast=mips(image, "fast", repeat, warm=True),
                         ceiling=bound(costs[0]), usual=bound(costs[1])))
    return costs, rows


def report(costs, rows):
    def each(cost):
        return ", ".join(f"{kind} {cost[kind] * 1e9:.0f}" for kind in FORMS if cost[kind])
    lines = [f"Cost of each kind's form, ns an instruction (CPython {sys.version_info.major}."
             f"{sys.version_info.minor}): cheapest {each(costs[0])}; usual {each(costs[1])}.", "",
             "| workload | instructions | alu / load / store / branch | ref | fast, translated "
             "| usual forms | ceiling | ceiling / ref | fast / ceiling |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        share = " / ".join(f"{r['mix'].get(k, 0) / r['instructions']:.0%}" for k in ("alu", "load", "store", "branch"))
        lines.append(f"| {r['name']} | {r['instructions']:,} | {share} | {r['ref']:.2f} | {r['fast']:.2f} | "
                     f"{r['usual']:.1f} | {r['ceiling']:.1f} | {r['ceiling'] / r['ref']:.0f}x | "
                     f"{r['fast'] / r['ceiling']:.0%} |")
    lines += ["", "MIPS, but for the ratios. Median fast / ref (translated) "
              f"{statistics.median(r['fast'] / r['ref'] for r in rows):.1f}x; usual forms / ref "
              f"{statistics.median(r['usual'] / r['ref'] for r in rows):.1f}x; ceiling / ref "
              f"{statistics.median(r['ceiling'] / r['ref'] for r in rows):.1f}x."]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workloads", nargs="*", default=list(C_WORKLOADS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--update", metavar="DOC", help="write the table between the markers in DOC")
    args = parser.parse_args(argv)
    unknown = [w for w in args.workloads if w not in C_WORKLOADS]
    if unknown:
        parser.error(f"not a compiled-C workload: {', '.join(unknown)} (one of {', '.join(C_WORKLOADS)})")
    text = report(*measure(args.workloads, args.repeat))
    print(text)
    if args.update:
        from bench.mips import host
        from shell.perf.docgen import update
        update(args.update, UPDATE_COMMAND, f"Taken on {host()}; `--repeat {args.repeat}`.\n\n{text}")


if __name__ == "__main__":
    main()
