"""The given programs the lab graders rely on, and the behaviours the
handouts specify (issue 21): waitcheck, trace's mask, out-of-range
numbers, the edge cases of sleep, find and xargs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_waitcheck_is_quiet_for_a_program_that_waits(run):
    status, out = run("waitcheck pingpong\necho status $?\nls -a / | grep -c waitcheck\n")
    lines = out.splitlines()
    assert lines[0].endswith("received ping") and lines[1].endswith("received pong")
    assert lines[2:] == ["status 0", "0"]          # no report, and no flag file left


def test_trace_masks_and_numbers_out_of_range(run):
    status, out = run("trace -1 freemem\necho ---\ntrace 2147483647 freemem\necho ---\n"
                      "trace 4294967296 echo hi\necho status $?\ntrace 1x echo hi\n")
    every, most, bad = out.split("---\n")
    assert ": syscall vmstats -> 0" in every           # -1 covers call 36 too
    assert "vmstats" not in most and ": syscall write ->" in most
    assert bad == ("trace: 4294967296: out of range (MASK is an int: -1, or a sum of "
                   "1 << SYS_x)\nstatus 1\n"
                   "trace: 1x: not a number (MASK is an int: -1, or a sum of 1 << SYS_x)\n")


def test_sleep_rejects_bad_arguments(run):
    status, out = run("sleep -1; echo $?\nsleep -t -5; echo $?\nsleep 1 2; echo $?\n"
                      "sleep 4294967296; echo $?\nsleep 0; echo $?\n")
    usage = "usage: sleep SECONDS  or  sleep -t TICKS\n1\n"
    assert out == usage * 4 + "0\n"


def test_xargs_edge_cases(run):
    words = "".join(f"echo {' '.join(str(n) for n in range(k, k + 20))} >> /w\n" for k in (1, 21))
    status, out = run(words + "xargs < /w\nxargs echo ran < /dev/null\necho status $?\n"
                      "echo x | xargs /dev\necho status $?\n")
    lines = out.splitlines()
    assert [len(line.split()) for line in lines[:2]] == [31, 9]     # MAXARG = echo + 31
    assert lines[2:] == ["status 0", "xargs: /dev: Permission denied", "status 123"]


def test_find_on_a_file_and_an_unknown_option(run):
    status, out = run("echo x > f\nfind f -name f\nfind f -name g\nfind . -size 3\necho $?\n")
    assert out == "f\nfind: unknown predicate '-size'\n1\n"


def test_the_first_wrong_line_is_named():
    import importlib.util
    spec = importlib.util.spec_from_file_location("util_grader", ROOT / "labs" / "util" / "grader.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.first_difference(["prime 2", "prime 4"], ["prime 2", "prime 3"]) \
        == "line 2 should be 'prime 3', got 'prime 4'"
    assert module.first_difference(["prime 2"], ["prime 2", "prime 3"]) \
        == "line 2 should be 'prime 3', but nothing more was printed"
