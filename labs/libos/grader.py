"""Grader of lab libos (labs/libos/README.md): user-level copy-on-write
fork in the exokernel's Unix library OS (libos/unix/mem.c).

Each test boots a fresh minos with `--kernel exo` and runs shell command
lines. What is judged is on the console: the verdicts of cowtest, which
measures through the vmstats counters (the library's own, in its shared
region) and the free pages (the kernel's exposed count) what fork and
the page-fault upcall really did; forktest; usertests; and the free
pages before and after the workload.
"""

import re

from shell.labs.grader import Lab

LAB = Lab("libos", "A library OS: user-level copy-on-write fork on the exokernel", order=6,
          kernel="exo")


def run_part(t, part, cores=None, hint=""):
    """Run `cowtest PART` and expect its "cowtest PART: OK" line."""
    out = t.run(f"cowtest {part}\n", cores=cores)
    ok = f"cowtest {part}: OK"
    t.expect(ok in out.text, f"cowtest {part} did not print '{ok}'" + (f" ({hint})" if hint else ""))
    return out


@LAB.test("cow_fork", points=25, max_instructions=15_000_000)
def cow_fork(t):
    """cowtest fork: forking 200 pages copies none; a write copies exactly one; data stays private both ways."""
    run_part(t, "fork", hint="does fork pass the pages copy-on-write, and unix_pagefault copy one?")


@LAB.test("cow_many", points=15, max_instructions=25_000_000, depends=("cow_fork",))
def cow_many(t):
    """cowtest many: four children at once of a process using 60% of the free memory."""
    run_part(t, "many", hint="are the counts right when several processes hold a page?")


@LAB.test("cow_race", points=15, max_instructions=25_000_000, depends=("cow_fork",))
def cow_race(t):
    """cowtest race: parent and child write the same shared pages at once, on 2 cores."""
    run_part(t, "race", cores=2, hint="is cowref changed atomically?")


@LAB.test("forktest", points=15, max_instructions=40_000_000, depends=("cow_fork",))
def forktest(t):
    """forktest: fork until no more, then wait for every child, on copy-on-write fork."""
    out = t.run("forktest\n")
    t.expect("fork test OK" in out.text, "forktest did not print 'fork test OK'")


@LAB.test("multicore", points=10, max_instructions=50_000_000, depends=("cow_many", "cow_race"))
def multicore(t):
    """cowtest fork many race on 4 cores."""
    out = t.run("cowtest fork many race\n", cores=4)
    for part in ("fork", "many", "race"):
        t.expect(f"cowtest {part}: OK" in out.text, f"on 4 cores, cowtest {part} did not print OK")


@LAB.test("usertests", points=10, max_instructions=120_000_000, depends=("cow_fork", "forktest"))
def usertests(t):
    """usertests: ALL TESTS PASSED on the library OS, with copy-on-write fork."""
    out = t.run("usertests\n")
    t.expect("ALL TESTS PASSED" in out.text, "usertests did not print 'ALL TESTS PASSED'")


WORKLOAD = "cowtest fork many race > /dev/null\nforktest > /dev/null\n"


@LAB.test("no_leaks", points=10, max_instructions=80_000_000,
          depends=("cow_many", "cow_race", "forktest"))
def no_leaks(t):
    """cowtest and forktest leak no page more than two `true`s do (reference counts are right)."""
    # Every command the shell runs leaves a few of the shell's own pages
    # bound and mapped nowhere (pages it copied after a fork, whose other
    # holder has ended: only their owner may free them, and it frees them
    # when memory runs short, unix_reclaim). So compare with as many
    # commands that do nothing: the workload's two may lose no more.
    out = t.run("freemem\ntrue\ntrue\nfreemem\n" + WORKLOAD + "freemem\n")
    free = [int(n) for n in re.findall(r"free pages: (\d+)", out.text)]
    t.expect(len(free) == 3, "freemem did not print free memory three times")
    baseline, lost = free[0] - free[1], free[1] - free[2]
    t.expect(lost <= baseline, f"{lost - baseline} pages of memory leaked by cowtest and forktest "
                               f"({lost} lost, where two `true`s lose {baseline})")
