"""Lab pgtbl's kernel side beyond its grader (labs/pgtbl/grader.py): the
error paths of vmprint and vmstats, and copy-on-write fork and lazy sbrk
on several cores, where two processes may fault on one shared page at
the same time and TLBs of other cores hold stale translations."""

import re

import pytest

from ktest_helpers import failures, run_ktest
from shell.run_cmd import run_commands


def test_vmprint_and_vmstats_error_paths(tmp_path):
    output, result = run_ktest(tmp_path, ["vm"])
    assert not failures(output), "\n".join(failures(output))
    for name in ("vmprint of no such pid gives -1", "vmprint of a negative pid gives -1",
                 "vmprint of our sleeping parent", "vmstats into kernel memory gives -1",
                 "vmstats into program text gives -1", "vmstats past the break gives -1",
                 "vmstats reports the free pages as sysinfo does"):
        assert f"ok {name}\n" in output
    assert "KTEST PASSED" in output and "panic" not in output
    assert result.reason == "halt" and result.exit_code == 0


@pytest.mark.slow
@pytest.mark.parametrize("cores", [2, 4])
def test_cow_and_lazy_on_several_cores(cores):
    done = run_commands("freemem\ncowtest\nlazytest\nusertests sbrk forkcopy leak\nfreemem\n",
                        cores=cores, max_instructions=200_000_000)
    text = done.output.decode()
    for test in ("fork", "many", "race", "syscalls"):
        assert f"cowtest {test}: OK" in text, text[-2000:]
    for test in ("alloc", "bounds", "syscalls"):
        assert f"lazytest {test}: OK" in text, text[-2000:]
    assert "ALL TESTS PASSED" in text and "panic" not in text
    free = [int(n) for n in re.findall(r"free pages: (\d+)", text)]
    assert len(free) == 2 and free[0] == free[1], free
