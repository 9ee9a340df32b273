"""Several cores sharing memory: locks keep a counter exact, races show up."""

import pytest

from helpers import reg, run, word

N = 150


def counter_prog(locked, atomic="swap", n=N):
    if not locked:
        acquire = release = ""
    elif atomic == "swap":
        acquire = """
    acquire:
        li t0, 1
        swap t0, s0, t0
        bnez t0, acquire
        """
        release = "sw zero, 0(s0)"
    else:
        acquire = """
    acquire:
        li t0, 0
        li t1, 1
        cas t0, s0, t1
        bnez t0, acquire
        """
        release = "sw zero, 0(s0)"
    return f"""
        li s0, lock
        li s1, counter
        li s2, {n}
    loop:
        {acquire}
        lw t1, 0(s1)
        addi t1, t1, 1
        nop
        sw t1, 0(s1)
        {release}
        subi s2, s2, 1
        bnez s2, loop
        li s3, ndone
    done:
        lw t0, 0(s3)
        addi t1, t0, 1
        mov a2, t0
        cas a2, s3, t1
        bne a2, t0, done
        bnez a0, park            # a0 = core id: core 0 waits for the others
        csrr s2, ncores
    wait:
        lw t0, 0(s3)
        bne t0, s2, wait
        halt
    park:
        wfi
        jmp park
    .align 8
    lock: .word 0
    counter: .word 0
    ndone: .word 0
    """


@pytest.mark.parametrize("cores", [2, 4])
@pytest.mark.parametrize("atomic", ["swap", "cas"])
@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_spinlock_keeps_the_counter_exact(cores, atomic, seed):
    m, _ = run(counter_prog(True, atomic), cores=cores, seed=seed, max_instructions=500_000)
    assert word(m, m.prog["counter"]) == cores * N
    assert word(m, m.prog["ndone"]) == cores


RACE_SEED = 1


def test_without_the_lock_updates_are_lost():
    m, _ = run(counter_prog(False), cores=2, seed=RACE_SEED, max_instructions=200_000)
    assert word(m, m.prog["counter"]) < 2 * N


def test_race_outcome_depends_on_the_seed_and_is_reproducible():
    def final(seed):
        m, _ = run(counter_prog(False), cores=4, seed=seed, max_instructions=200_000)
        return word(m, m.prog["counter"])
    results = {seed: final(seed) for seed in range(6)}
    assert len(set(results.values())) > 1, results
    assert all(final(seed) == results[seed] for seed in (0, 3))


def test_every_core_runs_and_sees_its_id():
    m, _ = run("""
        csrr t0, coreid
        csrr t1, ncores
        shli t0, t0, 2
        addi t1, t1, 100
        sw t1, ids(t0)
        bnez a0, park
        li s0, 0
    wait:
        lw t0, ids+12(zero)
        beqz t0, wait
        halt
    park:
        wfi
        jmp park
    .align 8
    ids: .word 0, 0, 0, 0
    """, cores=4, max_instructions=100_000)
    assert [word(m, m.prog["ids"] + 4 * i) for i in range(4)] == [104] * 4
    assert [reg(m, "a0", core=i) for i in range(4)] == [0, 1, 2, 3]


def test_cores_have_their_own_registers_and_csrs():
    m, _ = run("""
        csrw scratch, a0
        addi a3, a0, 10
        bnez a0, park
        li t0, 3000
    spin:
        subi t0, t0, 1
        bnez t0, spin
        halt
    park:
        wfi
        jmp park
    """, cores=3, max_instructions=100_000)
    for c in m.cores:
        assert c.regs[4] == c.id + 10
        assert c.read_csr(19) == c.id


def test_seed_changes_the_interleaving_reproducibly():
    def counters(seed):
        m, _ = run(counter_prog(True), cores=2, seed=seed, max_instructions=500_000)
        return [(c["instructions"], c["cycles"]) for c in m.counters()["cores"]]
    a, b, c = counters(7), counters(7), counters(8)
    assert a == b
    assert a != c
