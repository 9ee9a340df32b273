"""Same image, input and seed -> the same instruction trace and counters."""

import pytest

from helpers import make_machine, run, trace_hash, word
from test_hooks import BUSY

MULTI = BUSY


def traced(seed, cores=2, src=MULTI, **kw):
    m = make_machine(src, cores=cores, seed=seed, **kw)
    h, r = trace_hash(m, 200_000)
    assert r.reason == "halt", r
    return h, m.counters(), m


@pytest.mark.parametrize("seed", [None, 0, 11])
def test_same_seed_same_trace_and_counters(seed):
    h1, c1, _ = traced(seed)
    h2, c2, _ = traced(seed)
    assert h1 == h2
    assert c1 == c2


def test_different_seeds_different_traces():
    hashes = {traced(seed)[0] for seed in (1, 2, 3)}
    assert len(hashes) == 3


def test_trace_interleaves_both_cores():
    m = make_machine(MULTI, cores=2, seed=4)
    order = []
    m.add_hook("insn", lambda core, pc: order.append(core.id))
    run(None, machine=m, max_instructions=200_000)
    switches = sum(1 for a, b in zip(order, order[1:]) if a != b)
    assert switches > 4


def test_hooked_and_unhooked_runs_agree():
    _, hooked, hm = traced(9)
    plain, _ = run(MULTI, cores=2, seed=9, max_instructions=200_000)
    assert plain.counters() == hooked
    assert word(plain, plain.prog["count"]) == word(hm, hm.prog["count"]) == 400


def test_console_input_is_deterministic():
    src = """
        li s1, CONSOLE
    loop:
        lw t0, 4(s1)
        li t1, 0xFFFFFFFF
        beq t0, t1, loop
        sw t0, 0(s1)
        li t1, 10
        bne t0, t1, loop
        halt
    """
    outs = []
    for _ in range(2):
        m, _ = run(src, console_in=b"abc\n", max_instructions=10_000)
        outs.append((m.console_output, m.counters()))
    assert outs[0][0] == b"abc\n"
    assert outs[0] == outs[1]
