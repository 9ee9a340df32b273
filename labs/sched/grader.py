"""Grader of lab sched (labs/sched/README.md).

Each test boots a fresh minos (4 cores, or 1 for priorities) and runs
schedtest, which prints what every core did while CPU-bound children ran
(the kernel's cpuinfo counters) or the cycles each child ran (getprocs).
The grader judges those figures; the thresholds are explained in the
handout.
"""

import re

from shell.labs.grader import Lab

LAB = Lab("sched", "Scheduling: per-core run queues, balancing, priorities", order=4)

CORES = 4
SPREAD = re.compile(r"^spread: (\d+) children of (\d+) units, the last (\d+) ticks:$", re.M)
CORE = re.compile(r"^core (\d+): busy (\d+) switches (\d+) steals (\d+) migrations (\d+)$", re.M)
PRIO = re.compile(r"^prio (\d+): cycles (\d+) share (\d+)$", re.M)

BALANCE = 0.10          # each core's busy cycles within 10% of the cores' mean
MIGRATIONS = 0.05       # at most 5% of the context switches move a process
PARALLEL = 1.2          # 4 children on 4 cores take at most 1.2 times as long as 1
SHARE = 0.20            # each priority's share within 20% of its fair value


def spreads(t, text):
    """[(children, ticks, {core: (busy, switches, steals, migrations)})] per
    `schedtest spread` in text."""
    runs = []
    for block in text.split("spread: ")[1:]:
        head = SPREAD.match("spread: " + block)
        t.expect(head, "schedtest spread did not print its summary line")
        cores = {int(m[0]): tuple(int(x) for x in m[1:]) for m in CORE.findall(block)}
        t.expect(sorted(cores) == list(range(CORES)),
                 f"schedtest spread should print one line for each of the {CORES} cores")
        runs.append((int(head[1]), int(head[3]), cores))
    return runs


def spread(t, children, work):
    """Run `schedtest spread` once on 4 cores; its figures."""
    out = t.run(f"schedtest spread {children} {work}\necho status $?\n", cores=CORES)
    t.expect("status 0" in out.text, "schedtest spread did not exit 0")
    runs = spreads(t, out.text)
    t.expect(len(runs) == 1, "schedtest spread printed no figures")
    return runs[0]


def busy_table(cores):
    return ", ".join(f"core {c}: {v[0]:,}" for c, v in sorted(cores.items()))


@LAB.test("parallel", points=20, max_instructions=30_000_000)
def parallel(t):
    """4 CPU-bound children on 4 cores finish in about the time 1 child takes alone."""
    out = t.run("schedtest spread 1 150\nschedtest spread 4 150\necho status $?\n", cores=CORES)
    t.expect("status 0" in out.text, "schedtest spread did not exit 0")
    runs = spreads(t, out.text)
    t.expect(len(runs) == 2, "schedtest spread should have printed its figures twice")
    (_, one, _), (_, four, cores) = runs
    idle = [c for c, v in cores.items() if v[0] == 0]
    t.expect(not idle, f"cores {idle} ran nothing while 4 children waited to run "
                       "(does anyone wake an idle core when work arrives?)")
    t.expect(four <= PARALLEL * one,
             f"1 child took {one} ticks, 4 children on {CORES} cores took {four} ticks; "
             f"at most {PARALLEL * one:.0f} if each core runs one ({busy_table(cores)})")


@LAB.test("balance", points=25, max_instructions=40_000_000)
def balance(t):
    """6 CPU-bound children on 4 cores: every core busy within 10% of the mean (needs stealing)."""
    _, _, cores = spread(t, 6, 200)
    busy = {c: v[0] for c, v in cores.items()}
    mean = sum(busy.values()) / len(busy)
    t.expect(mean > 0, "no core ran the children")
    off = {c: (b - mean) / mean for c, b in busy.items()}
    worst = max(off, key=lambda c: abs(off[c]))
    t.expect(abs(off[worst]) <= BALANCE,
             f"core {worst} was busy {busy[worst]:,} cycles, {off[worst]:+.0%} off the "
             f"mean of {mean:,.0f}; each core should be within {BALANCE:.0%} "
             f"({busy_table(cores)})")


@LAB.test("affinity", points=15, max_instructions=30_000_000)
def affinity(t):
    """8 CPU-bound children on 4 cores use every core and rarely move between cores."""
    _, _, cores = spread(t, 8, 100)
    busy = [v[0] for v in cores.values()]
    mean = sum(busy) / len(busy)
    t.expect(mean > 0 and min(busy) >= mean / 2,
             f"every core should run its share of 8 children ({busy_table(cores)})")
    switches = sum(v[1] for v in cores.values())
    moves = sum(v[3] for v in cores.values())
    t.expect(moves <= MIGRATIONS * switches,
             f"{moves} of {switches} context switches ran a process on another core "
             f"than it last ran on ({moves / max(switches, 1):.0%}); at most "
             f"{MIGRATIONS:.0%}: a process should stay where its cache and TLB entries are")


def check_shares(t, prios, lines):
    """lines: (prio, cycles) that schedtest printed for children of prios."""
    t.expect([p for p, _ in lines] == prios,
             f"schedtest prio {' '.join(map(str, prios))} did not print one line per child")
    total = sum(c for _, c in lines)
    t.expect(total > 0, "the children of schedtest prio did not run")
    for p, c in lines:
        fair = p / sum(prios)
        got = c / total
        t.expect(abs(got - fair) <= SHARE * fair,
                 f"priorities {prios}: the priority-{p} child got {got:.1%} of the time; "
                 f"its fair share is {fair:.1%}, and it should get within {SHARE:.0%} of that")


@LAB.test("prio", points=25, max_instructions=30_000_000)
def prio(t):
    """On one core, children of priorities 1 2 3 (and 4 1) get time in proportion 1:2:3 (4:1)."""
    out = t.run("schedtest prio 1 2 3\nschedtest prio 4 1\necho status $?\n", cores=1)
    t.expect("status 0" in out.text, "schedtest prio did not exit 0")
    lines = [(int(p), int(c)) for p, c, _ in PRIO.findall(out.text)]
    check_shares(t, [1, 2, 3], lines[:3])
    check_shares(t, [4, 1], lines[3:])


@LAB.test("no_leaks", points=15, max_instructions=40_000_000,
          depends=("parallel", "balance", "affinity", "prio"))
def no_leaks(t):
    """Free memory is the same before and after the workloads."""
    out = t.run("freemem\nschedtest spread 6 20 > /dev/null\nschedtest prio 1 2 > /dev/null\n"
                "freemem\n", cores=CORES)
    free = [int(n) for n in re.findall(r"free pages: (\d+)", out.text)]
    t.expect(len(free) == 2, "freemem did not print free memory twice")
    t.expect(free[1] >= free[0], f"{free[0] - free[1]} pages of memory leaked "
                                 f"({free[0]} free before the workloads, {free[1]} after)")
