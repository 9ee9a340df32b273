"""How fast a debugged machine runs, relative to the same machine undebugged.

    python bench/debugger.py

Runs one compiled C program (bench/programs/sieve.c, repeated) three ways —
undebugged, under `continue` with no breakpoints, and under `continue` with a
breakpoint that is never hit — and prints the two ratios. The targets
(docs/debugger.md): at least 0.5 with no breakpoints, 0.25 with one.
"""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lang.cc.driver import Driver, Options  # noqa: E402
from shell.debug_cmd import build_session  # noqa: E402
from vm.machine import Machine  # noqa: E402

PROGRAM = r"""
#include <stdio.h>
static char composite[20000];
static int unused_function(int x) { return x * 3; }
int main(void) {
    int round, i, j, count = 0;
    for (round = 0; round < 12; round++) {
        for (i = 0; i < 20000; i++) composite[i] = 0;
        count = 0;
        for (i = 2; i < 20000; i++) {
            if (composite[i]) continue;
            count++;
            for (j = i + i; j < 20000; j += i) composite[j] = 1;
        }
    }
    printf("%d\n", count);
    return count == 2262 ? 0 : 1 + unused_function(count);
}
"""


def build(folder):
    src = Path(folder) / "sieve.c"
    src.write_text(PROGRAM)
    img = Path(folder) / "sieve.img"
    Driver(Options(bare=True)).link([str(src)], str(img))
    return img


def plain(img):
    machine = Machine()
    machine.load_image(str(img))
    start = time.perf_counter()
    result = machine.run(max_instructions=100_000_000)
    assert result.reason == "halt" and result.exit_code == 0, result
    return time.perf_counter() - start, result.instructions


def debugged(img, commands):
    out = []
    session = build_session(str(img), write=out.append)
    for command in commands[:-1]:
        session.execute(command)
    start = time.perf_counter()
    session.execute(commands[-1])
    elapsed = time.perf_counter() - start
    text = "".join(out)
    assert "exited" in text or "powered off" in text or "halt" in text, text[-500:]
    return elapsed


def main():
    with tempfile.TemporaryDirectory() as folder:
        img = build(folder)
        base, instructions = plain(img)
        print(f"undebugged: {instructions:,} instructions in {base:.2f} s")
        free = debugged(img, ["continue"])
        bp = debugged(img, ["break unused_function", "continue"])
        print(f"no breakpoints: {base / free:.2f} of full speed")
        print(f"one breakpoint, no watchpoints: {base / bp:.2f} of full speed")


if __name__ == "__main__":
    main()
