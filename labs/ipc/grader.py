"""Grader of lab ipc (labs/ipc/README.md): the pipe service of the
microkernel's file-system server (servers/fs/pipe.c).

Every test boots minos with `--kernel micro` (the Lab's kernel) and runs
shell command lines there; pipetest (userland/bin/pipetest.c), sh's
pipelines and usertests' pipe tests are what is judged, by their output.
"""

import re

from shell.labs.grader import Lab

LAB = Lab("ipc", "IPC: the pipe service of the microkernel (deferred replies)", order=5,
          kernel="micro")

TEXT = "echo one two three > /f\necho four five >> /f\n"


def case(t, name):
    """Run one pipetest case; full marks for its OK line."""
    out = t.run(f"pipetest {name}\n")
    t.expect(f"pipetest: {name} OK" in out.text,
             next((line for line in out.text.splitlines() if line.startswith(f"pipetest: {name} FAIL")),
                  f"pipetest {name} printed no 'pipetest: {name} OK' line"))


@LAB.test("reader", points=15, max_instructions=20_000_000)
def reader(t):
    """A read of an empty pipe is parked and answered later, when a write brings bytes."""
    case(t, "reader")


@LAB.test("writer", points=15, max_instructions=20_000_000)
def writer(t):
    """A 10,000-byte write to a 2,048-byte pipe is parked until a reader makes room; all bytes arrive in order."""
    case(t, "writer")


@LAB.test("eof", points=10, max_instructions=20_000_000)
def eof(t):
    """The last write end closed (dup and fork copies count): a waiting read and later reads return 0."""
    case(t, "eof")


@LAB.test("epipe", points=10, max_instructions=20_000_000)
def epipe(t):
    """No reader: a write fails with EPIPE; a writer parked on a full pipe gets the count it wrote."""
    case(t, "epipe")


@LAB.test("pipelines", points=20, max_instructions=60_000_000)
def pipelines(t):
    """sh's pipelines: two and three stages, a file through a pipe, and 20 KiB through two pipes."""
    out = t.run(TEXT + "cat /f | wc\necho ---\ncat /f | grep o | wc -l\necho ---\n"
                "wc -c < /bin/sh\ncat /bin/sh | cat | wc -c\n")
    parts = out.text.split("---")
    t.expect(len(parts) == 3, "the pipelines did not all run (is a reader or a writer never answered?)")
    t.expect(parts[0].split()[-3:] == ["2", "5", "24"],
             f"`cat /f | wc` should print 2 5 24, not {parts[0].split()[-3:]}")
    t.expect(parts[1].split()[-1:] == ["2"], "`cat /f | grep o | wc -l` should print 2")
    sizes = re.findall(r"^\s*(\d+)\s*$", parts[2], re.M)
    t.expect(len(sizes) == 2 and sizes[0] == sizes[1],
             f"`cat /bin/sh | cat | wc -c` should count /bin/sh's bytes ({sizes[:1]}), not {sizes[1:]}")


@LAB.test("usertests", points=20, max_instructions=120_000_000)
def usertests(t):
    """usertests' tests that use pipes (pipe, waitpid, kill, fds): ALL TESTS PASSED."""
    out = t.run("usertests pipe waitpid kill fds\n")
    failed = re.findall(r"^test (\w+): FAILED", out.text, re.M)
    t.expect(not failed, f"usertests failed: {', '.join(failed)}")
    t.expect("ALL TESTS PASSED" in out.text, "usertests did not say ALL TESTS PASSED")


@LAB.test("no_leaks", points=10, max_instructions=120_000_000,
          depends=("reader", "writer", "eof", "epipe"))
def no_leaks(t):
    """pipetest eight times: 40 pipes, more than the server's 32, and every parked request let go."""
    out = t.run("pipetest\n" * 8)
    oks = len(re.findall(r"^pipetest: \w+ OK$", out.text, re.M))
    t.expect(oks == 32, f"{oks} of the 32 cases passed in eight runs of pipetest: are pipes "
                        "or parked requests freed when their ends close?")
