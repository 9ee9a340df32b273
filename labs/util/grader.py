"""Grader of lab util (labs/util/README.md).

Each test boots a fresh minos, runs shell command lines and judges the
console output and exit status only. Bounds are instructions.
"""

import re

from shell.labs.grader import Lab

LAB = Lab("util", "Unix utilities: sleep, pingpong, primes, find, xargs", order=1)

# Instruction bounds per test: 5 to 8 times what the reference solution needs,
# so a slower but correct solution passes and a hung one fails soon.
PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31]


def ticks(text):
    """The clock ticks printed by each `uptime` in text."""
    return [int(n) for n in re.findall(r"\((\d+) ticks\)", text)]


def lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


@LAB.test("sleep", points=10, max_instructions=20_000_000)
def sleep(t):
    """sleep -t 30 waits at least 30 ticks and exits 0; no argument is a usage error."""
    out = t.run("uptime\nsleep -t 30\necho status $?\nuptime\nsleep\necho status $?\n")
    t.expect("status 0" in out.text, "`sleep -t 30` did not exit with status 0")
    clock = ticks(out.text)
    t.expect(len(clock) == 2, "uptime did not print the clock twice")
    t.expect(clock[1] - clock[0] >= 30,
             f"`sleep -t 30` returned after {clock[1] - clock[0]} ticks, not 30")
    t.expect("usage" in out.text and "status 1" in out.text,
             "`sleep` without an argument should print a usage message and exit 1")


@LAB.test("pingpong", points=15, max_instructions=15_000_000)
def pingpong(t):
    """The child prints '<pid>: received ping', then the parent '<pid>: received pong'."""
    out = t.run("pingpong\necho status $?\n")
    got = lines(out.text)
    t.expect(len(got) == 3, f"expected 3 lines (ping, pong, then the status), got {len(got)}")
    ping = re.fullmatch(r"(\d+): received ping", got[0])
    pong = re.fullmatch(r"(\d+): received pong", got[1])
    t.expect(ping is not None, f"first line should be '<pid>: received ping', got {got[0]!r}")
    t.expect(pong is not None, f"second line should be '<pid>: received pong', got {got[1]!r}")
    t.expect(ping.group(1) != pong.group(1), "ping and pong were printed by the same process")
    t.expect(got[2] == "status 0", f"pingpong exited with {got[2]!r}, not status 0")


@LAB.test("primes", points=20, max_instructions=30_000_000)
def primes(t):
    """'prime N' for every prime up to 35, in order; partial credit for a correct prefix."""
    out = t.run("primes\necho status $?\n")
    got = lines(out.text)
    expected = [f"prime {p}" for p in PRIMES]
    right = 0
    while right < len(expected) and right < len(got) and got[right] == expected[right]:
        right += 1
    if right == 0:
        t.fail(f"expected 'prime 2' first, got {(got or ['nothing'])[0]!r}")
    t.expect(got[-1] == "status 0", f"primes exited with {got[-1]!r}, not status 0")
    if right < len(expected) or len(got) != len(expected) + 1:
        return right / len(expected) * 0.9      # most of the credit for the primes it found
    return 1.0


SETUP = ("mkdir -p /t/b/c\necho hi > /t/x\necho hello > /t/b/x\necho hello > /t/b/c/y\n"
         "mkdir /t/d\necho no > /t/d/x\ncd /t\n")


@LAB.test("find", points=15, max_instructions=50_000_000)
def find(t):
    """find DIR -name NAME finds every file of that name, recursively; a missing DIR is an error."""
    out = t.run(SETUP + "find . -name x\necho status $?\nfind b -name y\nfind . -name nope\n"
                "echo status $?\nfind /missing -name x\necho status $?\n")
    got = lines(out.text)
    found = sorted(line for line in got if line.endswith("/x") or line.endswith("/y"))
    t.expect(sorted(line for line in found if line.endswith("/x"))
             == ["./b/x", "./d/x", "./x"],
             f"`find . -name x` should print ./x ./b/x ./d/x, got {found}")
    t.expect("b/c/y" in found, "`find b -name y` did not find b/c/y (does it go down two levels?)")
    t.expect(got.count("status 0") == 2, "find with no match should still exit 0")
    t.expect(got[-1] == "status 1", "find of a missing directory should exit 1")
    t.expect(any("/missing" in line and "No such" in line for line in got),
             "find of a missing directory should say 'No such file or directory'")


@LAB.test("xargs", points=15, max_instructions=30_000_000)
def xargs(t):
    """xargs appends the words of standard input to the command; -n 1 runs it once per word."""
    out = t.run("echo hello too | xargs echo bye\necho 1 > /f\necho 2 >> /f\n"
                "xargs -n 1 echo line < /f\necho status $?\n")
    got = lines(out.text)
    t.expect("bye hello too" in got, "`echo hello too | xargs echo bye` should print "
                                     "'bye hello too'")
    t.expect("line 1" in got and "line 2" in got,
             "`xargs -n 1 echo line` should run `echo line 1`, then `echo line 2`")
    t.expect(got.index("line 1") < got.index("line 2"), "xargs ran the commands out of order")
    t.expect(got[-1] == "status 0", "xargs should exit 0 when every command succeeded")


@LAB.test("find_xargs", points=10, max_instructions=40_000_000, depends=("find", "xargs"))
def find_xargs(t):
    """find . -name x | xargs grep hello: the two programs together."""
    out = t.run(SETUP + "find . -name x | xargs grep hello\n")
    t.expect(lines(out.text) == ["./b/x:hello"],
             f"expected the one line './b/x:hello', got {lines(out.text)}")


@LAB.test("no_leaks", points=15, max_instructions=60_000_000, depends=("pingpong", "primes"))
def no_leaks(t):
    """Free memory after pingpong, primes, find and xargs is what it was before them."""
    out = t.run(SETUP + "freemem\npingpong > /dev/null\nprimes > /dev/null\n"
                "find . -name x | xargs grep hello > /dev/null\nsleep -t 1\nfreemem\n")
    free = [int(n) for n in re.findall(r"free pages: (\d+)", out.text)]
    t.expect(len(free) == 2, "freemem did not print free memory twice")
    t.expect(free[1] >= free[0], f"{free[0] - free[1]} pages of memory leaked "
                                 f"({free[0]} free before the programs ran, {free[1]} after)")
