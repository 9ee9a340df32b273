"""`minos bench`'s micro rows: the microkernel's IPC primitives, measured
in a boot bundle of their own (servers/ipcbench.c as the root task and,
spawned with an argument, as each peer), so they need no shell.

ipcbench runs each operation with N = 1 and N = 1 + extra between console
markers "[ipcbench OP N start]" and "[ipcbench OP N end]"; the difference
divided by extra is one operation, as for osbench's rows (bench.py). The
counters are session.py's, read the same way, at the markers' newlines.
"""

import re
import shutil
import tempfile
from pathlib import Path

from vm.errors import MinosError

from .. import build as build_mod
from ..system import System
from .session import KERNEL_COUNTERS, MACHINE_COUNTERS, LineTap, difference, snapshot

PROGRAM = Path("servers") / "ipcbench.c"
MARKER = re.compile(r"\[ipcbench (\w+) (\d+) (start|end)\]$")
DONE = "[ipcbench done]\n"
COUNTERS = tuple(MACHINE_COUNTERS) + tuple(KERNEL_COUNTERS)


class IpcBenchError(MinosError):
    pass


def bundle_build(root, out, programs):
    """A Build of the micro kernel whose boot bundle is programs [(name,
    source, or a list of sources)], image 0 the root task, with an empty disk (also the IPC
    tests': tests/micro/test_ipc.py)."""
    kernel_img = build_mod.micro_kernel(root, out, programs, tmpdir=Path(out) / ".tmp")
    fs_img = Path(out) / "fs.img"
    build_mod.make_fs(fs_img, Path(out) / "root")
    return build_mod.Build("micro", out, root, kernel_img, fs_img, [], 0)


def measure_ipc(ops, cores=1, engine=None, bound=200_000_000, root=None):
    """{operation key: {counter: value per operation}} for the IPC
    operations ops, on micro, from one bounded boot of the ipcbench bundle."""
    from lang.debuginfo import DebugInfo

    from .kernel_view import KernelView

    root = Path(root or build_mod.ROOT)
    out = Path(tempfile.mkdtemp(prefix="minos-ipcbench-"))
    marks = {}
    try:
        program = root / PROGRAM
        images = bundle_build(root, out, [("ipcbench", program), ("peer", program)])
        view = KernelView(DebugInfo.load(str(images.kernel_img)))
        system = System(kernel="micro", cores=cores, engine=engine)

        def line(text):
            m = MARKER.match(text)
            if m:
                marks[m.groups()] = snapshot(system.machine, view)

        system.console_out = LineTap(line)
        with system:
            system.images = images
            system.boot()
            system.wait_for(DONE, bound)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    results = {}
    for op in ops:
        counts = {}
        for n in (op.per, op.per + op.extra):
            ends = [marks.get((op.osbench, str(n), side)) for side in ("start", "end")]
            if None in ends:
                raise IpcBenchError(f"ipcbench printed no markers for '{op.osbench}' with N = {n} "
                                    f"(servers/ipcbench.c and shell/perf/ipcbench.py must agree)")
            counts[n] = difference(ends[1], ends[0])
        one, many = counts[op.per], counts[op.per + op.extra]
        results[op.key] = {c: (many[c] - one[c]) / (op.extra / op.per) for c in COUNTERS}
    return results
