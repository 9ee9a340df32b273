"""Helpers for the exokernel tests: build kernel/exo and a boot bundle
whose first image is a bare program linked with libos/, boot it (bounded),
and measure kernel paths with the machine's hooks.
"""

import atexit
import functools
import shutil
import re
import tempfile
from pathlib import Path

import shell.build as build_mod
from shell.system import System

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@functools.lru_cache(maxsize=None)
def bundle(program="exotest", spare=0):
    """(kernel image, bundle disk, program image) for programs/<program>.c,
    with `spare` free disk blocks after the bundle."""
    out = Path(tempfile.mkdtemp(prefix="minos-exotest-"))   # private: tests run in parallel
    atexit.register(shutil.rmtree, out, True)
    return build_mod.build_exo_bundle([HERE / "programs" / f"{program}.c"], out, root=ROOT,
                                      spare=spare)


def symbol(program, name, spare=0):
    """The address of a symbol of the program's image (its debug info)."""
    import json
    _, _, images = bundle(program, spare)
    debug = json.loads(Path(str(images[0]) + ".dbg").read_text())
    return next(s["addr"] for s in debug["symbols"] if s["name"] == name)


def kernel_symbol(program, name):
    import json
    kernel, _, _ = bundle(program)
    debug = json.loads(Path(str(kernel) + ".dbg").read_text())
    return next(s["addr"] for s in debug["symbols"] if s["name"] == name)


class PathCounter:
    """Instructions the kernel runs for each entry from user mode: from
    the trap (the faulting instruction or syscall) to the next user-mode
    instruction on that core, keyed by (cause, t0 at the trap)."""

    def __init__(self):
        self.open = {}            # core id -> (key, instructions at the trap)
        self.paths = {}           # key -> list of instruction counts

    def trap(self, core, cause, epc):
        start = self.open.get(core.id)
        if start and cause >= 8 and (core.csr[2] >> 8) & 3:
            # an interrupt taken on the first user instruction, before it
            # ran: the path ended at the iret (the hook runs after the
            # hardware's entry, which counts no instruction)
            key, count = start
            self.paths.setdefault(key, []).append((core.instructions - count, epc))
            del self.open[core.id]
        if core.id not in self.open and core.ring == 0 and cause < 8:
            # the hook runs after the hardware entered ring 0: a trap from user
            # mode is the one where usp was just saved (estatus's ring is 3)
            if (core.csr[2] >> 8) & 3:
                self.open[core.id] = ((cause, core.regs[7]), core.instructions)

    def insn(self, core, pc):
        start = self.open.get(core.id)
        if start and core.ring == 3:
            key, count = start
            self.paths.setdefault(key, []).append((core.instructions - count, pc))
            del self.open[core.id]


def boot(program="exotest", bound=3_000_000, counter=None, cores=1, spare=0):
    """Boot the bundle; return (console output, RunResult)."""
    kernel, disk, _ = bundle(program, spare)
    with System(kernel="exo", cores=cores, engine="ref" if counter else None) as system:
        system.images = build_mod.Build("exo", disk.parent, ROOT, kernel, disk, [], 0)
        system.boot()
        if counter:
            system.machine.add_hook("trap", counter.trap)
            system.machine.add_hook("insn", counter.insn)
        result = system.run(bound)
        if result.reason == "limit":
            raise AssertionError(f"exo boot did not finish within {bound:,} instructions:\n"
                                 + system.console_since(0)[-1500:])
        return system.console_since(0), result


def checks(output):
    """{name: (ok, value)} from the program's "ok NAME ... VALUE" lines."""
    found = {}
    for line in output.splitlines():
        m = re.match(r"(ok|FAIL) (\w+) .* (-?\d+)$", line)
        if m:
            found[m.group(2)] = (m.group(1) == "ok", int(m.group(3)))
    return found


def assert_check(output, name):
    """The program ran check NAME and it passed."""
    found = checks(output)
    assert name in found, f"check {name} did not run:\n{output}"
    assert found[name][0], f"check {name} failed:\n{output}"
