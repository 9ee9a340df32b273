"""XCP, the specialized application (issue 16), against `cp` on mono:
`minos bench --ops xcp` (docs/exo.md "The specialized application").

The job: copy /small (SMALL bytes) to /small.xcp and /big (BIG bytes) to
/big.xcp on minos's file system (kernel/include/unix/fs.h). The files are
put in the image by the host, with the same seeded bytes on every kernel.

- mono: userland/bin/cp, unchanged, run by sh between two `echo` markers;
- exo-xcp: bench/exo/xcp.c with its library OS (libos/xcp), the boot
  bundle's first program, the file system image right after the bundle;
- exo-unix: the same `cp` through the Unix library OS, on its file
  system after the boot bundle (libos/unix/fsport.c; skipped while exo
  is in shell/build.py NO_FILES_YET).

Each copy is measured between its markers; the row is the difference
big - small, the cost of copying BIG - SMALL more bytes, free of what
starting a copy costs (a process for cp, nothing for xcp) and of the
markers. Counts are exact: instructions summed over the cores and the
disk's requests (vm/devices.py Disk.reads, .writes).
"""

import random
import re
import shutil
import struct
import tempfile
from pathlib import Path

from vm.errors import MinosError

from ..build import (BLOCK, NO_FILES_YET, Build, build, libos_library, link_exo_bundle, sources,
                     system_disk)
from ..system import PROMPT, System
from .session import LineTap, snapshot

PROGRAM = Path("bench") / "exo" / "xcp.c"
SMALL, BIG = 64 * 1024, 576 * 1024     # both past NDIRECT blocks: each has an indirect block
FSBLOCKS = 1024                        # the image (4 MiB): room for both copies
BOUND = 60_000_000                     # instructions any one wait may take
START, END = "[xcp start]", "[xcp end]"
END_LINE = re.compile(r"^\[xcp end\]$", re.M)      # the printed line, not the typed command
KERNELS = ("mono", "exo-unix", "exo-xcp")


class XcpError(MinosError):
    pass


def payload(n, seed):
    """n seeded bytes: what each copy must reproduce exactly."""
    return random.Random(seed).randbytes(n)


def data_dir(out):
    """A folder holding /small and /big."""
    d = Path(out) / "xcpdata"
    d.mkdir(parents=True, exist_ok=True)
    (d / "small").write_bytes(payload(SMALL, 1))
    (d / "big").write_bytes(payload(BIG, 2))
    return d


def fs_image(dirs, size=FSBLOCKS):
    from lang.fs import mkfs
    return mkfs.build_image([str(d) for d in dirs], size=size)


def libos_xcp_driver(root, opt=1):
    """Bare libos programs' headers, then XCP's and the file system's."""
    from lang.cc.driver import Driver, Options
    dirs = [root / "libos" / "xcp", root / "libos", root / "kernel" / "exo",
            root / "lang" / "runtime" / "include", root / "kernel" / "include" / "unix",
            root / "kernel" / "include"]
    return Driver(Options(opt=opt, include_dirs=[str(d) for d in dirs]))


PART = "xcp/part"     # the bundle's entry naming XCP's partition (libos/xcp/xcp.h XCP_PART)


def _entries(data):
    """[(name, first block, size)] of the boot bundle at the start of data."""
    _, count = struct.unpack_from("<II", data, 0)
    return [(name.split(b"\0")[0].decode(), block, size)
            for name, block, size in (struct.unpack_from("<16sII", data, 8 + 24 * i)
                                      for i in range(count))]


def _bundle_end(data):
    """The first block after the boot bundle at the start of data."""
    return max([1] + [block + -(-size // BLOCK) for _, block, size in _entries(data)])


def build_xcp(out, root, beside=None, opt=1):
    """kernel/exo and a disk for XCP: the boot bundle (xcp first), then the
    file system image holding /small and /big. Returns a Build for System.

    beside: a Unix's disk (shell/build.py build_exo_unix_bundle: a bundle
    of bin/init, then the Unix's file system), to run both library OSes
    on one disk (docs/exo.md "Two library OSes side by side"): the bundle
    then also holds bin/init and PART, and the disk is divided between
    them: the Unix's file system right after the bundle (where libos/unix
    looks for it), XCP's in the partition PART names, after it."""
    out = Path(out)
    extra = []
    unix_fs = b""
    if beside:
        data = Path(beside).read_bytes()
        extra = [(name, data[block * BLOCK:block * BLOCK + size])
                 for name, block, size in _entries(data)]
        unix_fs = data[_bundle_end(data) * BLOCK:]
        extra.append((PART, bytes(8)))          # filled in below, once the bundle's size is known
    kernel, bundle, _ = link_exo_bundle(root, [root / PROGRAM], out, opt, libos_xcp_driver(root, opt),
                                        libos_library(root) + sources(root / "libos" / "xcp"),
                                        extra, 0)
    data = bytearray(bundle.read_bytes())
    if beside:
        part = next(block for name, block, _ in _entries(data) if name == PART)
        struct.pack_into("<II", data, part * BLOCK, len(data) // BLOCK + len(unix_fs) // BLOCK, FSBLOCKS)
    disk = out / "xcp.img"
    disk.write_bytes(bytes(data) + unix_fs + fs_image([data_dir(out)]))
    return Build("exo", out, root, kernel, disk, [], 0)


def run_disk(images, disk, bound):
    """Boot images (a build_xcp) with another disk (a damaged copy, say)
    until the machine stops or bound instructions: (result, console text)."""
    with System(kernel="exo") as system:
        system.images = images
        system.boot(disk=str(disk))
        result = system.run(bound)
        return result, system.console_since(0)


def fs_of(disk_path, kernel):
    """The file system image inside a disk after a run: mono's whole disk;
    on exo, XCP's (exo-xcp: its partition, or right after the bundle) or
    the Unix's (exo-unix: right after the bundle)."""
    from lang.fs.image import FsImage
    data = Path(disk_path).read_bytes()
    if kernel == "mono":
        return FsImage(data)
    entries = _entries(data)
    first = _bundle_end(data)
    if kernel == "exo-xcp" and PART in [name for name, _, _ in entries]:
        block = next(block for name, block, _ in entries if name == PART)
        first = struct.unpack_from("<I", data, block * BLOCK)[0]
    size = struct.unpack_from("<I", data, (first + 1) * BLOCK + 4)[0]      # superblock.size
    return FsImage(data[first * BLOCK:(first + size) * BLOCK])


class Marks:
    """The counters (machine, and the disk's requests) at every marker line
    the console prints, in order."""

    def __init__(self, system):
        self.system = system
        self.seen = []
        self.copies = 0
        system.console_out = LineTap(self._line)

    def _line(self, text):
        if text in (START, END):
            machine = self.system.machine
            self.seen.append({**snapshot(machine), "disk_reads": machine.disk.reads,
                              "disk_writes": machine.disk.writes})

    def copy(self, bound):
        """Run to the next copy's "[xcp end]" line: (start counters, end
        counters). (A run may go past several marker lines at once.)"""
        self.copies += 1
        self.system.wait_for(END_LINE, bound)
        if len(self.seen) < 2 * self.copies:
            raise XcpError("an xcp copy ended without its start marker")
        return self.seen[2 * self.copies - 2], self.seen[2 * self.copies - 1]


def measure_cp(kernel, root=None, cores=1, engine=None, bound=BOUND, keep=None):
    """cp of /small then /big through sh on a Unix kernel (mono, exo-unix):
    [(start counters, end counters)] per copy. The disk is the kernel's
    usual one (shell/build.py system_disk) with /small and /big added."""
    real = "exo" if kernel == "exo-unix" else kernel
    out = Path(tempfile.mkdtemp(prefix="minos-xcp-"))
    try:
        images = build(real, root=root) if root else build(real)
        disk = out / "disk.img"
        system_disk(real, disk, [Path(images.dir) / "root", data_dir(out)])
        with System(kernel=real, cores=cores, engine=engine) as system:
            system.images = images
            system.boot(disk=str(disk))
            system.wait_for(PROMPT, bound)
            tap = Marks(system)
            runs = []
            for name in ("small", "big"):
                system.type(f"echo '{START}'; cp /{name} /{name}.cp; echo '{END}'\n")
                runs.append(tap.copy(bound))
                system.wait_for(PROMPT, bound)
            if keep:
                shutil.copyfile(system.disk_path, keep)
            return runs
    finally:
        shutil.rmtree(out, True)


def measure_xcp(root, cores=1, engine=None, bound=BOUND, keep=None):
    """xcp's two copies on exo: [(start counters, end counters)] per copy."""
    out = Path(tempfile.mkdtemp(prefix="minos-xcp-"))
    try:
        images = build_xcp(out, root)
        with System(kernel="exo", cores=cores, engine=engine) as system:
            system.images = images
            system.boot()
            tap = Marks(system)
            runs = [tap.copy(bound) for _ in range(2)]
            result = system.run(bound)
            if result.reason == "limit":
                raise XcpError(f"xcp did not end within {bound:,} instructions")
            if "error" in system.console_since(0) or "cannot" in system.console_since(0):
                raise XcpError("xcp failed:\n" + system.console_since(0)[-1200:])
            if keep:
                shutil.copyfile(system.disk_path, keep)
            return runs
    finally:
        shutil.rmtree(out, True)


def row(runs):
    """{counter: big copy - small copy}."""
    (s0, s1), (b0, b1) = runs
    return {k: (b1[k] - b0[k]) - (s1[k] - s0[k]) for k in s1}


def measure(root, kernels=KERNELS, cores=1, engine=None):
    """{kernel: {counter: value}} for the xcp row (exo-unix skipped while
    exo has no writable file system)."""
    out = {}
    for k in kernels:
        if k == "exo-xcp":
            out[k] = row(measure_xcp(root, cores, engine))
        elif k == "exo-unix" and "exo" in NO_FILES_YET:
            continue
        else:
            out[k] = row(measure_cp(k, root, cores, engine))
    return out


COMMAND = "minos bench --ops xcp --update docs/exo.md"     # the table in docs/exo.md
COLUMNS = (("mono", "mono: cp"), ("exo-unix", "exo, Unix library OS: cp"),
           ("exo-xcp", "exo, XCP's library OS: xcp"))
COUNTS = (("instructions", "instructions"), ("cycles", "cycles"), ("disk_reads", "disk reads"),
          ("disk_writes", "disk writes"), ("traps", "traps"))
LABEL = f"copy {(BIG - SMALL) // 1024} KiB more ({(BIG - SMALL) // BLOCK} blocks)"


def _cells(results):
    """[(label, [cell per column])]: each count, then each column's instructions over xcp's."""
    from .profile import number
    rows = [(label, [number(results[k][key]) if k in results else "-" for k, _ in COLUMNS])
            for key, label in COUNTS]
    base = results.get("exo-xcp", {}).get("instructions")
    rows.append(("instructions / xcp's", [f"{results[k]['instructions'] / base:.1f}x"
                                           if k in results and base else "-" for k, _ in COLUMNS]))
    return rows


def markdown(results):
    lines = [f"| {LABEL} | " + " | ".join(title for _, title in COLUMNS) + " |",
             "| --- |" + " ---: |" * len(COLUMNS)]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in _cells(results)]
    return "\n".join(lines)


def table(results, cores=1):
    from .profile import format_columns
    lines = [(LABEL,) + tuple(title for _, title in COLUMNS)]
    lines += [(label,) + tuple(cells) for label, cells in _cells(results)]
    note = "" if "exo-unix" in results else \
        f"\n(exo-unix: -, {NO_FILES_YET.get('exo', 'not measured')})"
    return (f"the specialized application: XCP against cp, {cores} core(s) (shell/perf/xcp.py)\n"
            + format_columns(lines, right=(1, 2, 3)) + note)
