"""The system-call fuzzer's host side: `minos fuzz` and tests/kernel/test_fuzz*.py.

The fuzzer itself runs inside the OS (userland/fuzz/fuzz_<kernel>.c, with
the shared generator fuzzgen.h and the trap stub fuzztrap.S). This module
builds it for a kernel, boots the kernel through shell.system.System,
runs it, and judges the run from outside:

- no panic, and no hang: the run ends within an instruction bound;
- every free page back: the kernel's free-page count (core's kmem.nfree,
  read from memory through the kernel's debug info) is the same after
  the fuzzer as before it;
- on mono, the shell still answers and fsck finds the disk clean.

The host counts the fuzzer's calls exactly with a trap hook on the
machine: every fuzzed call traps at the stub's label fuzz_syscall, and
nothing else does. The last LAST of them (core, number, registers) are
kept: with the seed, they are the reproducer printed on a failure.
"""

import collections
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lang.cc.driver import Driver, Options
from lang.debuginfo import DebugInfo
from lang.fs.fsck import check as fsck_check
from lang.fs.image import FsImage
from vm.errors import MinosError
from vm.isa import CAUSE, INSN_SIZE

from . import build as B
from .perf.kernel_view import KernelView
from .system import PROMPT, System, SystemTimeout

LAST = 12                         # calls kept for the reproducer
DEFAULT_CALLS = 20_000
DEFAULT_SEED = 1
PANIC = re.compile(r"panic: [^\n]*")


class FuzzError(MinosError):
    pass


@dataclass
class FuzzReport:
    kernel: str
    cores: int
    seed: int
    requested: int
    calls: int = 0                        # counted on the host, at fuzz_syscall
    summary: str = ""                     # the fuzzer's own last line
    free_before: int = 0
    free_after: int = 0
    panic: str = ""
    hang: str = ""
    shell_answers: bool = True
    fsck: list = field(default_factory=list)
    failures: list = field(default_factory=list)   # the fuzzer's own FAIL lines
    last_calls: list = field(default_factory=list)
    instructions: int = 0

    @property
    def leaked(self):
        return self.free_before - self.free_after

    @property
    def ok(self):
        return not (self.panic or self.hang or self.leaked or self.fsck or self.failures
                    or not self.shell_answers)

    def problems(self):
        out = []
        if self.panic:
            out.append(f"kernel panic: {self.panic}")
        if self.hang:
            out.append(f"no end: {self.hang}")
        if self.leaked:
            out.append(f"{self.leaked} free pages not back ({self.free_before} before, "
                       f"{self.free_after} after)")
        if not self.shell_answers:
            out.append("the shell did not answer after the run")
        out += [f"fsck: {p}" for p in self.fsck]
        out += self.failures
        return out

    def text(self, syscall_names=None):
        lines = [f"minos fuzz: kernel {self.kernel}, {self.cores} core(s), seed {self.seed}: "
                 f"{self.calls:,} calls, {self.instructions:,} instructions",
                 f"  free pages {self.free_before} before, {self.free_after} after"]
        if self.summary:
            lines.append(f"  {self.summary}")
        problems = self.problems()
        lines.append("  verdict: " + ("clean (no panic, no hang, no page leaked"
                                      + (", fsck clean, the shell answers)" if self.kernel == "mono" else ")")
                                      if not problems else "FAILED"))
        lines += [f"  - {p}" for p in problems]
        if problems and self.last_calls:
            lines.append(f"  the last {len(self.last_calls)} calls (core: call(a0..a5) t1 s0); "
                         f"reproduce with: minos fuzz --kernel {self.kernel} --cores {self.cores} "
                         f"--seed {self.seed} --calls {self.requested}")
            for core, num, args, t1, s0 in self.last_calls:
                name = (syscall_names or {}).get(num, str(num))
                lines.append(f"    core {core}: {name}({', '.join(f'{a:#x}' for a in args)}) "
                             f"{t1:#x} {s0:#x}")
        return "\n".join(lines)


class CallWatch:
    """A trap hook: counts the system calls made by the instruction at
    `at` and keeps the last LAST of them (core, t0, a0-a5, t1, s0)."""

    def __init__(self, at):
        self.at = at + INSN_SIZE          # a system call's epc is the next instruction
        self.count = 0
        self.last = collections.deque(maxlen=LAST)

    def __call__(self, core, cause, epc):
        if cause == CAUSE["syscall"] and epc == self.at:
            self.count += 1
            r = core.regs
            self.last.append((core.id, r[7], tuple(r[1:7]), r[8], r[9]))


def free_pages(system):
    """The running kernel's free pages (core's kmem.nfree), read from memory."""
    info = DebugInfo.load(str(system.images.kernel_img), required=True)
    return KernelView(info).read(system.machine.memory, "kmem.nfree")


def fuzzer_files(root, kernel):
    folder = Path(root) / "userland" / "fuzz"
    return [folder / f"fuzz_{kernel}.c", folder / "fuzztrap.S"]


def syscall_names(root, kernel):
    """{number: name} from the kernel's system-call header (the same
    header the fuzzer is compiled with)."""
    header, prefix = {"mono": ("syscall.h", "SYS_"), "micro": ("ipc.h", "SYS_"),
                      "exo": (Path("..") / "exo" / "exoabi.h", "EXO_(?=[a-z])")}[kernel]
    text = (Path(root) / "kernel" / "include" / header).read_text()
    return {int(n): name for name, n in re.findall(rf"#define {prefix}(\w+)\s+(\d+)", text)}


def _mono_disk(system, workdir, kernel="mono"):
    """The built root with the fuzzer as /bin/fuzz; returns (disk, fuzzer image)."""
    images = system.images
    stage = Path(workdir) / "root"
    shutil.copytree(images.dir / "root", stage)
    out = stage / "bin" / "fuzz"
    include = B.user_include_dirs(images.root)
    driver = Driver(Options(opt=1, include_dirs=include))
    dbg = Path(workdir) / "fuzz.dbg"
    B.link_image(driver, B.user_library(kernel, images.root) + fuzzer_files(images.root, kernel),
                 out, B.USER_BASE, "_start", dbg=dbg)
    disk = Path(workdir) / "fs.img"
    B.make_fs(disk, stage)
    return disk, DebugInfo.from_file(str(dbg))


def _finish(report, system, watch):
    report.calls = watch.count
    report.last_calls = list(watch.last)
    report.instructions = system.counters()["instructions"]
    text = system.console_since(0)
    found = PANIC.search(text)
    if found:
        report.panic = found.group(0)
    report.failures = re.findall(r"^fuzz: FAIL[^\n]*", text, re.M)


def _run(kernel, seed, calls, cores, bound, root, prepare, drive):
    """What every kernel's runner shares: a System of that kernel, the
    fuzzer built by prepare(system, workdir) -> (boot keyword arguments,
    the fuzzer's debug info), its calls counted at fuzz_syscall, and
    drive(system, report, watch, bound) typing at it and filling in the
    report; a SystemTimeout is a hang, a panic outranks it."""
    bound = bound or max(50_000_000, calls * 15_000)
    report = FuzzReport(kernel, cores, seed, calls)
    workdir = tempfile.mkdtemp(prefix="minos-fuzz-")
    try:
        with System(kernel=kernel, cores=cores, root=root) as system:
            boot, info = prepare(system, workdir)
            watch = CallWatch(info.addr_of("fuzz_syscall"))
            system.boot(**boot)
            try:
                drive(system, report, watch, bound)
            except SystemTimeout as e:
                report.hang = str(e).split("\n")[0]
                report.free_after = report.free_before
            _finish(report, system, watch)
            if report.panic:
                report.hang = ""
            system.halt()
            if kernel == "mono":
                report.fsck = fsck_check(FsImage.open(str(system.disk_path)))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return report


def _measured(system, report, watch, line, bound):
    """Type line at the fuzzer with its calls counted; its done line."""
    system.machine.add_hook("trap", watch)
    system.type(line)
    done = system.wait_for(re.compile(r"fuzz: done [^\n]*"), max_instructions=bound)
    system.machine.remove_hook("trap", watch)
    report.summary = done.group(0)
    return report.summary


def _answers(system, report, line, reply, bound):
    """Is the system still alive: does line typed get reply back?"""
    system.type(line)
    try:
        system.wait_for(reply, max_instructions=bound)
    except SystemTimeout:
        report.shell_answers = False


def _disk_with_fuzzer(kernel):
    def prepare(system, workdir):
        system.build()
        disk, info = _mono_disk(system, workdir, kernel)
        return {"disk": str(disk)}, info
    return prepare


def fuzz_mono(seed=DEFAULT_SEED, calls=DEFAULT_CALLS, cores=1, bound=None, root=None):
    """Run the mono fuzzer; returns a FuzzReport."""
    def drive(system, report, watch, bound):
        system.wait_for(PROMPT, max_instructions=20_000_000)
        system.type("fuzz 1 0\n")          # a first run: the shell and /fuzz settle
        system.wait_for("fuzz: done", max_instructions=20_000_000)
        system.wait_for(PROMPT, max_instructions=5_000_000)
        report.free_before = free_pages(system)
        _measured(system, report, watch, f"fuzz {seed} {calls}\n", bound)
        system.wait_for(PROMPT, max_instructions=5_000_000)
        report.free_after = free_pages(system)
        _answers(system, report, "echo the shell answers\n", "the shell answers\n", 20_000_000)
    return _run("mono", seed, calls, cores, bound, root, _disk_with_fuzzer("mono"), drive)


def fuzz_micro(seed=DEFAULT_SEED, calls=DEFAULT_CALLS, cores=1, bound=None, root=None):
    """Run the micro fuzzer (userland/fuzz/fuzz_micro.c) from micro's shell;
    returns a FuzzReport. The free pages compared are the fuzzer's own
    figures (its done line): the kernel's free pages, with ended threads
    freed first (meminfo), before its first worker and after its last,
    in a second run (the first, of one call, lets the servers settle).
    kmem.nfree read from outside would count ended threads not yet freed."""
    def drive(system, report, watch, bound):
        system.wait_for(PROMPT, max_instructions=50_000_000)
        system.type("fuzz 1 1\n")          # a first run of one call: the servers settle
        system.wait_for("fuzz: done", max_instructions=50_000_000)
        system.wait_for(PROMPT, max_instructions=5_000_000)
        done = _measured(system, report, watch, f"fuzz {seed} {calls}\n", bound)
        report.free_before, report.free_after = map(int, done.split()[-2:])
        system.wait_for(PROMPT, max_instructions=5_000_000)
        _answers(system, report, "echo the shell answers\n", "the shell answers\n", 20_000_000)
    return _run("micro", seed, calls, cores, bound, root, _disk_with_fuzzer("micro"), drive)


def _exo_bundle(root, workdir):
    """kernel/exo and a boot bundle whose one env is the fuzzer, a bare
    libos program: (Build, the fuzzer's debug info)."""
    root = Path(root) if root else B.find_root()
    program, trap = fuzzer_files(root, "exo")
    driver = B.libos_driver(root)
    driver.options.include_dirs.append(str(root / "kernel" / "include"))
    kernel, disk, images = B.link_exo_bundle(root, [program], workdir, 1, driver,
                                             B.libos_library(root) + [trap], (), 0)
    build = B.Build("exo", Path(workdir), root, kernel, disk, [], 0)
    return build, DebugInfo.from_file(str(images[0]) + ".dbg")


def fuzz_exo(seed=DEFAULT_SEED, calls=DEFAULT_CALLS, cores=1, bound=None, root=None):
    """Run the exokernel fuzzer (userland/fuzz/fuzz_exo.c, the boot
    bundle's first env); returns a FuzzReport. The free pages compared are
    core's kmem.nfree (the kernel's own: page tables, thread stacks), read
    by the host after a first run of one worker and after the run; the
    fuzzer itself compares exoinfo->nfree (the user pages of the owner
    table) around its workers and prints a FAIL line if they differ."""
    def prepare(system, workdir):
        system.images, info = _exo_bundle(root, workdir)
        return {}, info

    def drive(system, report, watch, bound):
        system.wait_for("fuzz: ready", max_instructions=20_000_000)
        system.type(f"{seed} 1\n")          # a first worker: the driver's pages settle
        system.wait_for("fuzz: done", max_instructions=20_000_000)
        report.free_before = free_pages(system)
        _measured(system, report, watch, f"{seed} {calls}\n", bound)
        report.free_after = free_pages(system)
        # the driver survived: it answers, and ends
        _answers(system, report, "0\n", "fuzz: bye", 5_000_000)
    return _run("exo", seed, calls, cores, bound, root, prepare, drive)


RUNNERS = {"mono": fuzz_mono, "micro": fuzz_micro, "exo": fuzz_exo}


def fuzz(kernel="mono", **kwargs):
    if kernel not in RUNNERS:
        raise FuzzError(f"no fuzzer for kernel '{kernel}' (there is one for: {', '.join(RUNNERS)})")
    return RUNNERS[kernel](**kwargs)
