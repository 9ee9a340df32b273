"""`minos bench`'s exo rows: the exokernel's own paths, in exact
instructions (docs/exo.md compares them with Aegis's and with mono and
micro).

Until the exokernel has a Unix library OS, osbench cannot run on it, so
these rows come from a bare libos program instead, bench/exo/exopaths.c,
booted on the reference engine with the machine's hooks following every
trap from ring 3 to the next user-mode instruction (PathFollower), and
every TLB miss to the moment its instruction runs again (MissFollower).
Each row is the shortest run of its path: a longer one had a timer
interrupt on its way.
"""

from collections import namedtuple
from pathlib import Path

from vm.errors import MinosError

from ..build import Build, build_exo_bundle
from ..project import find_root
from ..system import System

PROGRAM = Path("bench") / "exo" / "exopaths.c"
BOUND = 8_000_000               # instructions the whole program may take
T_BREAKPOINT, T_TLBMISS, T_SYSCALL = 6, 3, 7
EXO_getenvid, EXO_page_alloc, EXO_page_map, EXO_pct = 2, 4, 7, 14   # kernel/exo/exoabi.h
ESTATUS, BADADDR = 2, 4         # csr numbers (vm/isa.py)

Row = namedtuple("Row", "key label goal aegis")
ROWS = (
    Row("exception", "exception -> library handler", "<= 18", "18 instructions, 1.5 us"),
    Row("null", "null system call (EXO_getenvid)", "", ""),
    Row("getenvid", "getenvid from the exposed page", "below mono's null call", ""),
    Row("pagemap", "page alloc + map (EXO_page_alloc + EXO_page_map)", "", ""),
    Row("pct", "protected control transfer -> receiver", "<= 40", ""),
    Row("stlb", "TLB miss answered by the STLB", "<= 30", ""),
    Row("tolibrary", "TLB miss -> the library's handler", "", ""),
    Row("upcallmiss", "TLB miss answered by the library, round trip", "reported", ""),
)


class ExoPathsError(MinosError):
    pass


class PathFollower:
    """For each trap from ring 3: (cause, t0 at the trap, its epc,
    instructions to the next user instruction, where that was, and
    whether that was in another address space: a pct that ran its
    receiver)."""

    def __init__(self):
        self.open = {}
        self.paths = []

    def trap(self, core, cause, epc):
        start = self.open.get(core.id)
        if start and cause >= 8 and (core.csr[ESTATUS] >> 8) & 3:
            # an interrupt taken before the first user instruction ran
            self._close(core, start, epc)
        if core.id not in self.open and cause < 8 and (core.csr[ESTATUS] >> 8) & 3:
            self.open[core.id] = (cause, core.regs[7], epc, core.instructions, core.asid)

    def insn(self, core, pc):
        start = self.open.get(core.id)
        if start and core.ring == 3:
            self._close(core, start, pc)

    def _close(self, core, start, pc):
        cause, t0, epc, count, asid = start
        self.paths.append((cause, t0, epc, core.instructions - count, pc, core.asid != asid))
        del self.open[core.id]


# A TLB miss from ring 3: where, of what address, instructions to the next
# ring-3 instruction and where that was, instructions until the faulting
# instruction ran again, and whether the kernel answered it in C
# (stlb.c stlbmiss ran) rather than in swtlb.S from the STLB.
Miss = namedtuple("Miss", "epc badaddr first where full slow")


class MissFollower:
    """Follows every TLB miss from ring 3 (Miss). Misses inside the
    library's handler nest."""

    def __init__(self, stlbmiss):
        self.stlbmiss = stlbmiss  # the address of stlb.c's stlbmiss
        self.open = {}            # core id -> list of [epc, badaddr, start, first, where, slow]
        self.misses = []

    def trap(self, core, cause, epc):
        if cause == T_TLBMISS and (core.csr[ESTATUS] >> 8) & 3:
            self.open.setdefault(core.id, []).append([epc, core.csr[BADADDR], core.instructions,
                                                      None, None, False])

    def insn(self, core, pc):
        pending = self.open.get(core.id)
        if not pending:
            return
        if core.ring == 0:
            if pc == self.stlbmiss:
                pending[-1][5] = True
            return
        for m in pending:
            if m[3] is None:
                m[3], m[4] = core.instructions - m[2], pc
        for m in [m for m in pending if m[0] == pc]:
            self.misses.append(Miss(m[0], m[1], m[3], m[4], core.instructions - m[2], m[5]))
            pending.remove(m)


def asked_library(misses, upcall):
    """The misses the kernel handed to the library, and the others."""
    asked = [m for m in misses if m.where == upcall and m.epc != upcall]
    return asked, [m for m in misses if m not in asked]


def symbol(image, name):
    from lang.debuginfo import DebugInfo
    addr = DebugInfo.load(image, required=True).addr_of(name)
    if addr is None:
        raise ExoPathsError(f"{image}: no symbol {name}")
    return addr


def measure(root=None, out=None):
    """{row key: instructions} for ROWS, from one boot of exopaths.c."""
    root = Path(root) if root else find_root()
    out = Path(out) if out else root / "build" / "exo" / "paths"
    kernel, disk, images = build_exo_bundle([root / PROGRAM], out, root=root)
    paths = PathFollower()
    misses = MissFollower(symbol(kernel, "stlbmiss"))
    with System(kernel="exo", cores=1, engine="ref") as system:
        system.images = Build("exo", out, root, kernel, disk, [], 0)
        system.boot()
        for follower in (paths, misses):
            system.machine.add_hook("trap", follower.trap)
            system.machine.add_hook("insn", follower.insn)
        result = system.run(BOUND)
        output = system.console_since(0)
    if result.reason == "limit" or "exopaths: done" not in output:
        raise ExoPathsError(f"{PROGRAM} did not finish within {BOUND:,} instructions:\n{output[-800:]}")
    upcall = int(output.split("upcall at ")[1].split()[0], 16)

    def shortest(cause, t0=None, switched=False, to=None):
        found = [n for c, t, epc, n, pc, other in paths.paths
                 if c == cause and (t0 is None or t == t0) and (other or not switched)
                 and (to is None or pc == to)]
        if not found:
            raise ExoPathsError(f"{PROGRAM}: no path of cause {cause} (t0 {t0}) was seen")
        return min(found)

    asked, direct = asked_library(misses.misses, upcall)
    if not asked or not [m for m in direct if not m.slow]:
        raise ExoPathsError(f"{PROGRAM}: the software-TLB misses were not seen")
    return {
        "exception": shortest(T_BREAKPOINT, to=upcall),
        "null": shortest(T_SYSCALL, EXO_getenvid),
        "getenvid": 0,            # a load of thisenv->id: no trap
        "pagemap": shortest(T_SYSCALL, EXO_page_alloc) + shortest(T_SYSCALL, EXO_page_map),
        "pct": shortest(T_SYSCALL, EXO_pct, switched=True),
        "stlb": min(m.first for m in direct if not m.slow),
        "tolibrary": min(m.first for m in asked),
        "upcallmiss": min(m.full for m in asked),
    }


def table(results):
    """The rows as text columns: path, instructions, goal, Aegis."""
    from .profile import format_columns, number
    lines = [("exo kernel path", "instructions", "goal (issue 16)", "Aegis (DECstation 5000/125)")]
    lines += [(row.label, number(results[row.key]), row.goal, row.aegis) for row in ROWS]
    return ("kernel exo: its own paths, from a bare libos program (bench/exo/exopaths.c), 1 core\n"
            + format_columns(lines, right=(1,)))


def markdown(results):
    lines = ["| exo path | instructions | goal (issue 16) |", "| --- | ---: | --- |"]
    lines += [f"| {row.label} | {results[row.key]:,} | {row.goal} |" for row in ROWS]
    return "\n".join(lines)
