"""The microkernel's IPC (issue 15, milestone A): one bounded boot of a
test bundle whose root task is programs/ipctest.c with ipcmem.c (its peers,
programs/ipcpeers.c, are the bundle's second image), shared by every test
here. ipctest checks each rule from inside (a "FAIL ..." line per broken
one); the tests below read its report, and measure the round trip of a
register-only call + reply in exact instructions between its console
markers (shell/perf/session.py reads the counters as a marker's newline
is printed)."""

import re
import shutil
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from lang.debuginfo import DebugInfo
from shell.perf.ipcbench import bundle_build
from shell.perf.kernel_view import KernelView
from shell.perf.session import LineTap, difference, snapshot
from shell.system import System

HERE = Path(__file__).resolve().parent
PROGRAM = [HERE / "programs" / "ipctest.c", HERE / "programs" / "ipcmem.c"]     # the root task
PEERS = HERE / "programs" / "ipcpeers.c"
BOUND = 60_000_000            # instructions the whole run may take
T_IPI = 9                     # the inter-processor interrupt's cause (vm/isa.py)


def mono_null_call():
    """mono's null system call (getpid) in instructions, from the table
    `minos bench --kernel mono --update docs/kernel.md` writes: the figure
    a micro round trip is compared with."""
    text = (build_mod.ROOT / "docs" / "kernel.md").read_text()
    return float(re.search(r"\| null call \(getpid\) \| ([\d.,]+) \|", text).group(1).replace(",", ""))


# Issue 15's target for a register-only call + reply is at most twice
# mono's null call; the fast path (kernel/micro/fastpath.S) reached 414.7
# instructions (1.88x), and this ceiling holds that figure so that a
# change making IPC slower breaks the test.
ROUND_TRIP_CEILING = 425


def micro_images(out, programs):
    return bundle_build(build_mod.ROOT, out, programs)


class Run:
    def __init__(self, output, marks, fastpaths, ipis):
        self.output = output
        self.marks = marks
        self.fastpaths = fastpaths      # the kernel's ipc_fastpaths at the end
        self.ipis = ipis                # inter-processor interrupts taken, all cores

    def between(self, first, last):
        return difference(self.marks[last], self.marks[first])


def boot_ipctest(cores):
    """Boot the ipctest bundle on `cores` cores and run it to its verdict."""
    out = Path(tempfile.mkdtemp(prefix="minos-micro-"))
    marks = {}
    try:
        images = micro_images(out, [("ipctest", PROGRAM), ("peer", PEERS)])
        view = KernelView(DebugInfo.load(str(images.kernel_img)))
        system = System(kernel="micro", cores=cores)

        def line(text):
            if text.startswith("PING"):
                marks[text] = snapshot(system.machine, view)

        system.console_out = LineTap(line)
        with system:
            system.images = images
            system.boot()
            system.wait_for("TYPE A KEY\n", BOUND)
            system.type("x")
            system.wait_for(re.compile(r"IPCTEST (PASSED|FAILED)\n"), BOUND)
            fastpaths = view.read(system.machine.memory, "ipc_fastpaths")
            ipis = sum(c.traps[T_IPI] for c in system.machine.cores)
            return Run(system.console_since(0), marks, fastpaths, ipis)
    finally:
        shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="module")
def run():
    return boot_ipctest(1)


def passed(run):
    fails = [l for l in run.output.splitlines() if l.startswith("FAIL")]
    assert not fails, "\n".join(fails)
    assert "IPCTEST PASSED" in run.output


def test_every_check_passes(run):
    passed(run)


def test_every_check_passes_on_three_cores():
    # peers start on the least loaded core: calls and replies cross cores
    # (a thread woken by a message on another, idle core gets an IPI; a
    # direct switch, in C or on the fast path, migrates the woken thread
    # to the caller's core)
    run3 = boot_ipctest(3)
    passed(run3)
    assert run3.ipis > 0
    assert run3.fastpaths >= 6000


def test_one_core_takes_no_ipi(run):
    assert run.ipis == 0


def test_each_group_ran(run):
    for line in ("badges seen: 3", "rights checked", "map checked", "long messages checked",
                 "pager checked", "deferred reply checked", "bound notification checked", "threads checked", "capability passing checked",
                 "revocation checked", "grant checked", "server death checked", "kernel labels checked", "priorities checked", "recursive unmap checked",
                 "driver read 'x'"):
        assert line in run.output


def test_a_freed_endpoint_wakes_its_waiters(run):
    # The waiter was blocked sending on an endpoint whose last capability
    # the root deleted: -EIDRM (43), kernel/include/ipc.h.
    assert "waiter woke with -43" in run.output


def test_pager_maps_a_missing_page(run):
    # The pager mapped a page holding 0xBEEF at the faulting address; the
    # second fault was refused and core killed the faulter.
    assert "faulter reads beef" in run.output
    assert re.search(r"\(peer\): page fault at pc 0x[0-9a-f]+ \(read of 0x50002000\): killed", run.output), run.output


def round_trip(run):
    """Instructions of one call + reply: 2,000 round trips minus 1,000,
    / 1,000, so the loop's setup and the markers cancel out (and a timer
    tick that makes a thread yield through the scheduler, 1,000-odd
    instructions that land in one run and not the other, moves the
    figure by about 1)."""
    many = run.between("PING 2000 START", "PING 2000 END")
    few = run.between("PING 1000 START", "PING 1000 END")
    return {k: (many[k] - few[k]) / 1000 for k in many}


def test_round_trip_cost(run):
    cost = round_trip(run)
    mono = mono_null_call()
    print(f"micro call + reply round trip: {cost}; x mono null call: {cost['instructions'] / mono:.2f}")
    assert cost["messages"] == 2                 # the call and its reply
    # straight to the server and back, no scheduler between (but for a
    # time slice's end, now and then)
    assert cost["context switches"] <= 2.005
    assert cost["instructions"] <= 2 * mono, cost    # issue 15's target
    assert cost["instructions"] <= ROUND_TRIP_CEILING, cost


def test_round_trips_take_the_fast_path(run):
    # each of the 3,010 round trips switches directly both ways
    assert run.fastpaths >= 6000


def test_a_third_task_runs_beside_a_polling_pair(run):
    # ipctest's test_starve: the poller calls pong in a loop (direct
    # switches both ways, never the run queue) while a third task, the
    # runner, waits in the run queue of the one core. The pair shares one
    # time slice while someone waits (kernel/micro/ipc.c: donation), so
    # the runner gets the core when that turn ends: a turn holds at most
    # prio * TICK_CYCLES + TICK_CYCLES / 2 = 15,000 cycles of allowance,
    # the tick that ends it comes at most half a tick late, and a call +
    # poll costs ~900 cycles: 22 calls at most. Before the donation the
    # runner never ran while the pair did (20,000 calls, the loop's bound).
    calls = int(re.search(r"runner ran after (\d+) calls", run.output).group(1))
    print(f"the runner ran after {calls} round trips")
    assert calls <= 22, calls
