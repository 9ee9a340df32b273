"""Grader of lab syscall (labs/syscall/README.md).

Each test boots a fresh minos and runs shell command lines; the kernel's
trace lines and the programs' output on the console are what is judged.
"""

import re
from pathlib import Path

from shell.labs.grader import Lab

LAB = Lab("syscall", "System calls: trace(mask) and sysinfo", order=2)

TRACE_LINE = re.compile(r"^(\d+): syscall (\w+) -> (-?\d+)$", re.M)
FILE = "echo hello world > /f\necho other line >> /f\n"
# The graded tree's list of numbers (this file is labs/syscall/grader.py in it).
HEADER = Path(__file__).resolve().parents[2] / "kernel" / "include" / "syscall.h"


def bit(name):
    """The trace mask of one call: 1 << SYS_<name> of kernel/include/syscall.h."""
    number = re.search(rf"^#define\s+SYS_{name}\s+(\d+)", HEADER.read_text(), re.M)
    return 1 << int(number.group(1))


def traced(text):
    """(pid, call, result) for every trace line in text."""
    return [(int(p), name, int(r)) for p, name, r in TRACE_LINE.findall(text)]


@LAB.test("trace_read", points=20, max_instructions=20_000_000)
def trace_read(t):
    """trace 32 grep hello /f: every read of grep is printed with its result; the program still works."""
    out = t.run(FILE + f"trace {bit('read')} grep hello /f\necho status $?\n")
    calls = traced(out.text)
    t.expect(calls, "no '<pid>: syscall read -> N' line was printed")
    t.expect({name for _, name, _ in calls} == {"read"},
             f"mask 32 traces only read, but these were printed: "
             f"{sorted({name for _, name, _ in calls})}")
    t.expect(len({pid for pid, _, _ in calls}) == 1, "the reads should all come from grep's pid")
    t.expect(calls[-1][2] == 0 and any(r > 0 for _, _, r in calls),
             "grep's reads should return the file's bytes, then 0 at the end of the file")
    t.expect("hello world" in out.text and "status 0" in out.text,
             "grep under trace should still print its match and exit 0")


@LAB.test("trace_all", points=15, max_instructions=30_000_000)
def trace_all(t):
    """trace -1 grep hello /f: exec, open, read, close ... all with their results; -1 also
    traces calls numbered 32 and up (freemem's vmstats, 36), which no other mask can."""
    out = t.run(FILE + "trace -1 grep hello /f\n")
    names = [name for _, name, _ in traced(out.text)]
    for call in ("exec", "open", "read", "close", "write"):
        t.expect(call in names, f"`trace -1` should show grep's {call} call; traced: {names}")
    t.expect(any(n == "open" and r >= 0 for _, n, r in traced(out.text)),
             "open of /f should be traced with its result, a file descriptor")
    out = t.run("trace -1 freemem\necho ---\ntrace 2147483647 freemem\n")
    every, most = out.text.split("---", 1)
    t.expect("vmstats" in {name for _, name, _ in traced(every)},
             "`trace -1 freemem` should trace vmstats (call 36): -1 traces every call")
    t.expect("vmstats" not in {name for _, name, _ in traced(most)},
             "`trace 2147483647 freemem` traced vmstats (call 36), which has no bit in the "
             "mask: only -1 traces calls numbered 32 and up")


@LAB.test("trace_children", points=15, max_instructions=40_000_000)
def trace_children(t):
    """trace 2 primes: the forks of every stage of the pipeline are traced (children inherit the mask)."""
    out = t.run(f"trace {bit('fork')} primes\n")
    forks = [call for call in traced(out.text) if call[1] == "fork"]
    t.expect(forks, "no fork of primes was traced")
    t.expect(len({pid for pid, _, _ in forks}) >= 11,
             f"the forks of {len({pid for pid, _, _ in forks})} processes were traced; every "
             "stage of primes forks, so at least 11 (does fork copy the mask?)")
    t.expect(all(result > 0 for _, _, result in forks),
             "the parent's fork should be traced with the child's pid")


@LAB.test("trace_only_traced", points=10, max_instructions=20_000_000, depends=("trace_read",))
def trace_only_traced(t):
    """Processes that did not ask for tracing print nothing, even in a reused process slot."""
    out = t.run(FILE + f"trace {bit('read')} cat /f > /dev/null\ncat /f\nwc /f\n")
    pids = {pid for pid, _, _ in traced(out.text)}
    t.expect(len(pids) == 1, f"only the traced cat should print trace lines, {len(pids)} "
                             "processes did (is the mask cleared for a new process?)")
    t.expect("hello world" in out.text, "the untraced cat did not print the file")


@LAB.test("sysinfo", points=25, max_instructions=30_000_000)
def sysinfo(t):
    """sysinfotest: free pages follow sbrk, the process count follows fork and wait, bad addresses fail."""
    out = t.run("sysinfotest\n")
    t.expect("sysinfotest: OK" in out.text and out.status == 0,
             "sysinfotest did not print 'sysinfotest: OK'")


@LAB.test("no_leaks", points=15, max_instructions=60_000_000,
          depends=("trace_children", "sysinfo"))
def no_leaks(t):
    """Free memory is the same before and after traced programs and sysinfotest."""
    out = t.run(FILE + "freemem\ntrace -1 primes > /dev/null\nsysinfotest > /dev/null\n"
                f"trace {bit('read')} grep hello /f > /dev/null\nfreemem\n")
    free = [int(n) for n in re.findall(r"free pages: (\d+)", out.text)]
    t.expect(len(free) == 2, "freemem did not print free memory twice")
    t.expect(free[1] >= free[0], f"{free[0] - free[1]} pages of memory leaked "
                                 f"({free[0]} free before the programs ran, {free[1]} after)")
