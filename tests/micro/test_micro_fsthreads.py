"""micro's fs server serves several clients at once (issue 15): its
worker threads (servers/fs/worker.c) let a client whose request waits on
the disk not stop another's cached read.

One bounded boot (on 1 core, and on 4, where the workers may run at
once) of a bundle whose root task is programs/fsthreads.c:
the root reads /cold (a block no one has read: a disk read) while the
peer, a second client, reads /warm (cached). The disk is made slow here
(SLOW_DISK cycles a request, vm/devices.py: DISK_LATENCY) so that the
order cannot depend on how long the cached read takes. The host reads
the machine's counters at each line the programs print (LineTap): at
PEER END, the disk has not finished the root's read — the cached reply
came first. A server with one thread (before worker.c) fails every test
here: its FS_STATS has no w2, so the peer never sees a worker waiting
on the disk, and its read is answered only after the root's."""

import re
import shutil
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
import vm.devices
from lang.debuginfo import DebugInfo
from shell.perf.kernel_view import KernelView
from shell.perf.session import LineTap, difference, snapshot
from shell.system import System

HERE = Path(__file__).resolve().parent
PROGRAM = HERE / "programs" / "fsthreads.c"
BOUND = 20_000_000            # the whole run takes about 1.6 million instructions
SLOW_DISK = 200_000           # cycles a disk request takes in this test (vm/devices.py: 4,000)
DONE = re.compile(r"FSTHREADS (DONE|FAILED.*)\n")
MARKS = ("ROOT START", "PEER START", "PEER END", "ROOT END")


@pytest.fixture(scope="module", params=[1, 4], ids=["1core", "4cores"])
def run(request):
    out = Path(tempfile.mkdtemp(prefix="minos-micro-fsthreads-"))
    marks = {}
    order = []
    try:
        programs = [("fsthreads", PROGRAM), ("disk", build_mod.server_sources(build_mod.ROOT, "disk")),
                    ("fs", build_mod.server_sources(build_mod.ROOT, "fs")), ("peer", PROGRAM)]
        kernel_img = build_mod.micro_kernel(build_mod.ROOT, out, programs, tmpdir=out / ".tmp")
        (out / "fsroot").mkdir()
        (out / "fsroot" / "cold").write_bytes(b"c" * 4096)
        build_mod.make_fs(out / "fs.img", out / "fsroot")
        images = build_mod.Build("micro", out, build_mod.ROOT, kernel_img, out / "fs.img", [], 0)
        view = KernelView(DebugInfo.load(str(kernel_img)))
        with pytest.MonkeyPatch.context() as mp, System(kernel="micro", cores=request.param) as system:
            mp.setattr(vm.devices, "DISK_LATENCY", SLOW_DISK)

            def line(text):
                for mark in MARKS:
                    if text.startswith(mark):
                        order.append(mark)
                        marks[mark] = dict(snapshot(system.machine, view),
                                           disk_reads=system.machine.disk.reads)

            system.console_out = LineTap(line)
            system.images = images
            system.boot()
            system.wait_for(DONE, BOUND)
            yield system.console_since(0), order, marks
    finally:
        shutil.rmtree(out, ignore_errors=True)


def test_the_run_ends(run):
    output, _, _ = run
    assert "FSTHREADS DONE" in output, output
    assert "ROOT END read 4096 bytes, 'c'" in output
    assert "PEER END read 64 cached bytes" in output


def test_the_peer_reads_while_a_worker_waits_on_the_disk(run):
    output, _, _ = run
    assert "PEER START 1 worker(s) waiting on the disk" in output, output


def test_the_cached_reply_comes_before_the_disk_read_ends(run):
    _, order, marks = run
    assert order == ["ROOT START", "PEER START", "PEER END", "ROOT END"], order
    reads = {mark: marks[mark]["disk_reads"] for mark in MARKS}
    # The root's block arrives between PEER END and ROOT END: one disk read.
    assert reads["PEER END"] == reads["ROOT START"], reads
    assert reads["ROOT END"] == reads["ROOT START"] + 1, reads


def test_the_cached_read_costs_less_than_one_disk_round_trip(run):
    _, _, marks = run
    cached = difference(marks["PEER END"], marks["PEER START"])
    uncached = difference(marks["ROOT END"], marks["ROOT START"])
    print(f"cached read (PEER START..END): {cached}\nuncached read (ROOT START..END): {uncached}")
    assert cached["cycles"] < SLOW_DISK < uncached["cycles"], (cached, uncached)
