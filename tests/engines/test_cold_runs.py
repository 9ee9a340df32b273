"""Cold code (run fewer than HOT_RUNS times, so not translated yet) is
interpreted by the fast engine; from one control transfer to the next
cold run it goes on interpreting, counting the run it starts, instead of
going back to the dispatcher each time (vm/fast.py: _interpret). The
same state as the reference at any budget, the same translations, and
far fewer trips to the dispatcher."""

import pytest

from bench.workloads import POWER_OFF
from test_differential import assert_same, image, run_both
from vm import fast
from vm.codecache import CACHE
from vm.machine import Machine

# 100 passes (fewer than HOT_RUNS) through calls and branches: each pass
# makes 8 control transfers
COLD = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 100
loop:
    call f
    andi t0, s0, 1
    beq t0, zero, even
    addi a3, a3, 3
    jmp next
even:
    call g
next:
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
f:
    add a2, a2, s0
    ret
g:
    xori a4, a4, 0x55
    ret
"""


@pytest.mark.parametrize("budget", [3, 50, 333, 1_000, 100_000])
def test_cold_code_identical(budget):
    assert_same(run_both(image(COLD), budget, trace=True))


def test_cold_runs_stay_in_the_interpreter(monkeypatch):
    calls = []
    interpret = fast._interpret
    monkeypatch.setattr(fast, "_interpret", lambda core, quick, block=None: calls.append(core.pc) or interpret(core, quick, block))
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(COLD))
    assert machine.run(max_instructions=100_000).reason == "halt"
    transfers = 100 * 7                 # (at least) per pass
    assert len(calls) < transfers // 10, len(calls)
    assert not [b for b in machine.memory.blocks.values() if b.fn], "nothing here is hot enough to translate"
