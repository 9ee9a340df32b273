"""micro's figures against mono's (issue 15): getpid <= 2.5x, spawn and the
64 KiB pipe <= 3x mono, measured by `minos bench`'s own code (one bounded
boot of micro, shared by the tests here) against docs/kernel.md's mono
table; and the pipe's promises (pipetest, lab ipc's unit tests) on micro,
one core and four."""

import re
from pathlib import Path

import pytest

from shell.perf import bench
from shell.run_cmd import run_commands
from shell.system import System

DOC = Path(__file__).resolve().parents[2] / "docs" / "kernel.md"
BOUND = 150_000_000           # instructions any one wait of the measuring may take
# issue 15's figures: micro / mono at most
TARGETS = {"null": 2.5, "spawn": 3.0, "pipe": 3.0}


def mono(label):
    """mono's instructions for one row of docs/kernel.md's bench table."""
    row = re.search(rf"^\| {re.escape(label)} \| ([\d.,]+) \|", DOC.read_text(), re.M)
    assert row, f"docs/kernel.md has no bench row '{label}'"
    return float(row.group(1).replace(",", ""))


@pytest.fixture(scope="module")
def micro():
    return bench.measure_kernel("micro", bench.operations(list(TARGETS)), bound=BOUND)


@pytest.mark.parametrize("key", list(TARGETS))
def test_micro_reaches_issue_15s_figure(micro, key):
    op = next(op for op in bench.OPERATIONS if op.key == key)
    ratio = micro[key]["instructions"] / mono(op.label)
    print(f"{key}: micro {micro[key]['instructions']:,.1f} instructions, {ratio:.2f}x mono")
    assert ratio <= TARGETS[key], f"{op.label}: {ratio:.2f}x mono (the goal is {TARGETS[key]}x)"


def test_messages_per_operation(micro):
    # The reincarnation server's heartbeat (servers/rs) pings the servers
    # on the clock, a few messages more in any stretch of time; the
    # operations' own messages are the whole part.
    assert 2 <= micro["null"]["messages"] < 2.01       # getpid: a call to pm and its reply
    # 64 KiB in 1 KiB writes and reads: a call and a reply for each, and no
    # extra message for a parked reader or writer (a kept reply is one)
    assert 256 <= micro["pipe"]["messages"] < 264


@pytest.fixture(scope="module", params=[1, 4], ids=["1core", "4cores"])
def pipetest(request):
    with System(kernel="micro", cores=request.param) as system:
        return run_commands("pipetest\necho status $?\n", system=system,
                            max_instructions=60_000_000).output.decode()


@pytest.mark.parametrize("case", ["reader", "writer", "eof", "epipe"])
def test_pipetest_on_micro(pipetest, case):
    assert f"pipetest: {case} OK" in pipetest, pipetest[-1500:]


def test_pipetest_exits_0(pipetest):
    assert "status 0" in pipetest and "FAIL" not in pipetest, pipetest[-1500:]
