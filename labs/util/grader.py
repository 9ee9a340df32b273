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


def no_orphans(t, text, program):
    """The program ran under waitcheck (userland/bin/waitcheck.c), which
    reports every process it forked but never waited for."""
    said = [line for line in lines(text) if line.startswith("waitcheck:")]
    t.expect(not said, f"{program} did not wait for every process it forked "
                       f"(every fork needs a wait): {'; '.join(said)}")


def output_of(text):
    """The program's own lines: without waitcheck's reports."""
    return [line for line in lines(text) if not line.startswith("waitcheck:")]


def first_difference(got, expected):
    """Say where got (lines) first differs from expected: the line missing or wrong."""
    for n, want in enumerate(expected):
        if n >= len(got):
            return f"line {n + 1} should be {want!r}, but nothing more was printed"
        if got[n] != want:
            return f"line {n + 1} should be {want!r}, got {got[n]!r}"
    return ""


@LAB.test("sleep", points=10, max_instructions=25_000_000)
def sleep(t):
    """sleep -t 30 waits at least 30 ticks and exits 0; no argument, a negative number, a
    non-number or an extra argument is a usage error (status 1)."""
    out = t.run("uptime\nsleep -t 30\necho status $?\nuptime\n")
    t.expect("status 0" in out.text, "`sleep -t 30` did not exit with status 0")
    clock = ticks(out.text)
    t.expect(len(clock) == 2, "uptime did not print the clock twice")
    t.expect(clock[1] - clock[0] >= 30,
             f"`sleep -t 30` returned after {clock[1] - clock[0]} ticks, not 30")
    bad = ["sleep", "sleep -1", "sleep -t -5", "sleep x", "sleep 1 2", "sleep 4294967296"]
    out = t.run("".join(f"{cmd}\necho status $?\necho ---\n" for cmd in bad))
    for cmd, said in zip(bad, out.text.split("---\n")):
        t.expect("usage" in said and lines(said)[-1:] == ["status 1"],
                 f"`{cmd}` should print a usage message and exit 1, got {lines(said)}")


@LAB.test("pingpong", points=15, max_instructions=15_000_000)
def pingpong(t):
    """The child prints '<pid>: received ping', then the parent '<pid>: received pong'."""
    out = t.run("waitcheck pingpong\necho status $?\n")
    got = output_of(out.text)
    t.expect(len(got) == 3, f"expected 3 lines (ping, pong, then the status), got {len(got)}")
    ping = re.fullmatch(r"(\d+): received ping", got[0])
    pong = re.fullmatch(r"(\d+): received pong", got[1])
    t.expect(ping is not None, f"first line should be '<pid>: received ping', got {got[0]!r}")
    t.expect(pong is not None, f"second line should be '<pid>: received pong', got {got[1]!r}")
    t.expect(ping.group(1) != pong.group(1), "ping and pong were printed by the same process")
    t.expect(got[2] == "status 0", f"pingpong exited with {got[2]!r}, not status 0")
    no_orphans(t, out.text, "pingpong")


@LAB.test("primes", points=20, max_instructions=30_000_000)
def primes(t):
    """'prime N' for every prime up to 35, in order, then exit 0 with no process left.
    A correct prefix of k lines gets k/11 of 90% whether primes then exits or hangs."""
    out = t.run("waitcheck primes\necho status $?\n", hang_ok=True)
    got = output_of(out.text)
    expected = [f"prime {p}" for p in PRIMES]
    right = 0
    while right < len(expected) and right < len(got) and got[right] == expected[right]:
        right += 1
    if right == 0:
        t.fail(f"expected 'prime 2' first, got {(got or ['nothing'])[0]!r}")
    if right < len(expected):
        ending = "" if out.finished else " (then primes hung: a pipe end left open?)"
        t.partial(right / len(expected) * 0.9, first_difference(got, expected) + ending)
    t.expect(out.finished, "all 11 primes, but then primes never exited: a pipe end left "
                           "open, or a stage waiting for one? (90% of the points)", 0.9)
    t.expect(got[len(expected):] == ["status 0"],
             f"after the 11 primes expected only 'status 0', got {got[len(expected):]}", 0.9)
    no_orphans(t, out.text, "primes")


SETUP = ("mkdir -p /t/b/c\necho hi > /t/x\necho hello > /t/b/x\necho hello > /t/b/c/y\n"
         "mkdir /t/d\necho no > /t/d/x\ncd /t\n")


@LAB.test("find", points=15, max_instructions=60_000_000)
def find(t):
    """find DIR -name NAME finds every file of that name, recursively; a missing DIR is an
    error; a DIR that is a file is printed if it matches; an unknown option is an error."""
    out = t.run(SETUP + "find . -name x\necho status $?\nfind b -name y\nfind . -name nope\n"
                "echo status $?\nfind x -name x\nfind /missing -name x\necho status $?\n")
    got = lines(out.text)
    found = sorted(line for line in got if line.endswith("/x") or line.endswith("/y"))
    t.expect(sorted(line for line in found if line.endswith("/x") and line.startswith("./"))
             == ["./b/x", "./d/x", "./x"],
             f"`find . -name x` should print ./x ./b/x ./d/x, got {found}")
    t.expect("x" in got, "`find x -name x` (x is a file) should print x")
    t.expect("b/c/y" in found, "`find b -name y` did not find b/c/y (does it go down two levels?)")
    t.expect(got.count("status 0") == 2, "find with no match should still exit 0")
    t.expect(got[-1] == "status 1", "find of a missing directory should exit 1")
    t.expect(any("/missing" in line and "No such" in line for line in got),
             "find of a missing directory should say 'No such file or directory'")
    out = t.run(SETUP + "find . -size 3\necho status $?\n")
    t.expect(lines(out.text)[-1] == "status 1" and "-size" in out.text,
             "an unknown option (`find . -size 3`) should be named in an error, status 1")


# 40 words in a file, 20 a line (a shell command line takes at most 32 words)
WORDS = "".join(f"echo {' '.join(str(n) for n in range(k, k + 20))} >> /w\n" for k in (1, 21))


@LAB.test("xargs", points=15, max_instructions=50_000_000)
def xargs(t):
    """xargs appends the words of standard input to the command; -n 1 runs it once per word;
    empty input runs nothing; without -n, as many words as fit (MAXARG arguments in all)."""
    out = t.run("echo hello too | xargs echo bye\necho 1 > /f\necho 2 >> /f\n"
                "waitcheck xargs -n 1 echo line < /f\necho status $?\n")
    got = output_of(out.text)
    t.expect("bye hello too" in got, "`echo hello too | xargs echo bye` should print "
                                     "'bye hello too'")
    t.expect("line 1" in got and "line 2" in got,
             "`xargs -n 1 echo line` should run `echo line 1`, then `echo line 2`")
    t.expect(got.index("line 1") < got.index("line 2"), "xargs ran the commands out of order")
    t.expect(got[-1] == "status 0", "xargs should exit 0 when every command succeeded")
    no_orphans(t, out.text, "xargs")
    out = t.run("xargs echo ran < /dev/null\necho status $?\n")
    t.expect(lines(out.text) == ["status 0"],
             f"xargs on empty input should run nothing and exit 0, got {lines(out.text)}")
    out = t.run(WORDS + "xargs < /w\n")
    runs = [line.split() for line in lines(out.text)]
    t.expect([len(words) for words in runs] == [31, 9],
             "40 words into `xargs` (echo) should give 2 runs, of 31 words (echo and 31 "
             f"make MAXARG = 32 arguments) and 9; got runs of {[len(w) for w in runs]} words")


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
