"""Code-quality benchmark of the C compiler: instructions executed at -O0 and -O1.

    .venv/bin/python bench/codegen.py            # every program + compile speed
    .venv/bin/python bench/codegen.py fib sieve  # some programs only

Each program in bench/programs/ is compiled for the bare machine (--bare)
at both levels and run on vm.machine.Machine; the table shows the machine's
instruction counter (exact, deterministic), the saving of -O1 over -O0,
and -O1 beside BEFORE: the -O1 counts of the compiler before the optimiser
of docs/optimizer.md (issue 19 goal 5), kept here as data. Every
program checks its own result and exits 0, so a miscompilation shows up as
a failed run, not as a fast one. Finally a generated 10,000-line C file
measures compile speed (wall time: the only number here that depends on
the host).
"""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lang.cc.driver import Driver, Options          # noqa: E402
from vm.image import Image                          # noqa: E402
from vm.machine import Machine                      # noqa: E402

PROGRAMS = ROOT / "bench" / "programs"
BUDGET = 200_000_000

# -O1 instructions on 2026-12-07, before frameless leaves, early exits, tail
# calls, loop entry tests, strength reduction, word copies and slot
# forwarding (docs/optimizer.md): the "before" column.
BEFORE_DATE = "2026-12-07"
BEFORE = {"fib": 168_353, "list": 38_284, "matmul": 33_108, "qsort": 113_877,
          "sieve": 92_537, "strings": 61_788}


def run_program(source, opt, workdir):
    """(exit code, console output, instructions) of one program at one level."""
    out = Path(workdir) / f"{source.stem}.O{opt}.img"
    Driver(Options(opt=opt, bare=True)).link([str(source)], str(out))
    m = Machine(cores=1)
    m.load_image(Image.load(str(out)))
    result = m.run(max_instructions=BUDGET)
    if result.reason != "halt":
        raise RuntimeError(f"{source.name} -O{opt}: {result.reason} {result.message}")
    return result.exit_code, m.console_output, m.total_counters()["instructions"]


def generated_source(lines=10_000):
    """A C file of about `lines` lines: many small functions of mixed statements."""
    out = ["/* generated for the compile-speed benchmark */", ""]
    n = 0
    while len(out) < lines:
        out += [
            f"static int helper{n}(int a, int b)",
            "{",
            "    int s = 0;",
            "    for (int i = 0; i < a; i++) {",
            "        if (i % 3 == 0)",
            "            s += i * b;",
            "        else",
            "            s -= b >> 1;",
            "    }",
            "    while (s > 1000)",
            "        s /= 2;",
            f"    return s + {n};",
            "}",
            "",
        ]
        n += 1
    out += ["int main(void)", "{", "    int t = 0;"]
    out += [f"    t += helper{k}({k % 7}, {k % 5});" for k in range(0, n, max(1, n // 50))]
    out += ["    return t & 127;", "}"]
    return "\n".join(out) + "\n"


def compile_speed(workdir):
    src = Path(workdir) / "big.c"
    text = generated_source()
    src.write_text(text)
    nlines = text.count("\n")
    driver = Driver(Options(opt=1, use_cache=False))
    start = time.perf_counter()
    driver.object_for(str(src))
    seconds = time.perf_counter() - start
    return nlines, seconds


def _saving(before, after):
    return 100.0 * (before - after) / before


def main(argv):
    names = argv or sorted(p.stem for p in PROGRAMS.glob("*.c"))
    print(f"{'program':<10} {'-O0 insns':>12} {'-O1 insns':>12} {'saved':>7}"
          f" {'-O1 before':>12} {'saved':>7}   (before: {BEFORE_DATE})")
    failures = 0
    totals = [0, 0]
    with tempfile.TemporaryDirectory() as work:
        for name in names:
            source = PROGRAMS / f"{name}.c"
            counts = []
            for opt in (0, 1):
                code, output, insns = run_program(source, opt, work)
                if code != 0:
                    print(f"{name}: -O{opt} exited with {code}: {output.decode(errors='replace')}")
                    failures += 1
                counts.append(insns)
            saved = 100.0 * (counts[0] - counts[1]) / counts[0] if counts[0] else 0.0
            before = BEFORE.get(name)
            if before is None:
                print(f"{name:<10} {counts[0]:>12,} {counts[1]:>12,} {saved:>6.1f}%")
                continue
            totals[0] += before
            totals[1] += counts[1]
            print(f"{name:<10} {counts[0]:>12,} {counts[1]:>12,} {saved:>6.1f}%"
                  f" {before:>12,} {_saving(before, counts[1]):>6.1f}%")
        if totals[0]:
            print(f"{'total':<10} {'':>12} {totals[1]:>12,} {'':>7}"
                  f" {totals[0]:>12,} {_saving(*totals):>6.1f}%")
        if not argv:
            nlines, seconds = compile_speed(work)
            print(f"compile speed: {nlines} lines in {seconds:.2f} s "
                  f"({nlines / seconds:,.0f} lines/s, -O1 -g, no cache)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
