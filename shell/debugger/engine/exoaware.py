"""Exo awareness (issue 16): which environment a core runs, and where its
upcall is, from kernel/exo's own tables by name (kernel/exo/exo.h: `envs[]`,
struct env: id, t, ksp, pd, asid; the exposed page `info`, struct
exoinfo: each env's name). The upcall address is where kernel/exo/entry.s
finds it: the last word of the env's trap frame (ksp - 4, setupcall).
Offsets come from the debug info; the kernel's data is mapped at its
physical address, so it is read physically.

`info envs` and `info bindings` (shell/debugger/exo_cmds.py) read the
same tables with the expression evaluator; this module serves what the
engine needs while the machine runs (a resolver for the symbols, the
upcall catchpoint), so it reads words directly.
"""

import os
import re

from vm.isa import CAUSE

from .access import PTBR
from .symbols import DebugError

EXOABI = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))), "kernel", "exo", "exoabi.h")


def exoabi(name):
    """A number of kernel/exo/exoabi.h (EXO_SAVE, EXO_REVOKE...)."""
    with open(EXOABI) as f:
        m = re.search(rf"^#define\s+{name}\s+(0x[0-9A-Fa-f]+|\d+)", f.read(), re.M)
    if m is None:
        raise DebugError(f"kernel/exo/exoabi.h has no {name}")
    return int(m.group(1), 0)


def upcall_kinds():
    """kind name -> the cause an upcall carries: the machine's exception
    causes, and exoabi.h's EXO_REVOKE (a revocation request)."""
    kinds = {k: v for k, v in CAUSE.items() if k not in ("syscall", "timer", "ipi", "console", "disk")}
    kinds["revoke"] = exoabi("EXO_REVOKE")
    return kinds


class ExoKernel:
    def __init__(self, engine):
        self.machine = engine.machine
        self.program = None
        for p in engine.programs:
            if p.scope.ring in (0, None) and p.global_var("envs") is not None \
                    and p.global_var("info") is not None:
                self.program = p
                break
        if self.program is None:
            raise DebugError("this needs kernel/exo's debug info (its envs table); "
                             "none of the loaded programs has it")
        v = self.program.global_var("envs")
        t = v.type.strip()
        self.base, self.size, self.n = v.loc["addr"], t.target.byte_size, t.length or 0
        env = t.target.strip()
        self.off = {f: env.field(f)[1] for f in ("id", "ksp", "pd", "asid")}
        info = self.program.global_var("info")
        self.info_ptr = info.loc["addr"]
        it = info.type.strip().target.strip()
        envs_t = it.field("envs")
        self.info_envs = envs_t[1]
        self.info_env_size = envs_t[0].strip().target.byte_size
        self.info_name = envs_t[0].strip().target.strip().field("name")[1]
        self.save = exoabi("EXO_SAVE")
        self.causes = {v: k for k, v in upcall_kinds().items()}

    def word(self, addr):
        return int.from_bytes(self.machine.read_phys(addr, 4), "little")

    def env_slot(self, core):
        """The slot of the env whose address space is current on core, or None."""
        for i in range(self.n):
            a = self.base + i * self.size
            if self.word(a + self.off["id"]) and self.word(a + self.off["asid"]) == core.asid \
                    and self.word(a + self.off["pd"]) == core.csr[PTBR]:
                return i
        return None

    def env_id(self, slot):
        return self.word(self.base + slot * self.size + self.off["id"])

    def name(self, slot):
        a = self.word(self.info_ptr) + self.info_envs + slot * self.info_env_size + self.info_name
        return self.machine.read_phys(a, 16).split(b"\0")[0].decode("latin-1")

    def program_name(self, core):
        slot = self.env_slot(core)
        return os.path.basename(self.name(slot)) if slot is not None else None

    def upcall(self, slot):
        """Where the env's exceptions are delivered (0: none)."""
        ksp = self.word(self.base + slot * self.size + self.off["ksp"])
        return self.word(ksp - 4) if ksp else 0

    def saved(self, space):
        """(cause, badaddr, access, epc) in the agreed save area, read
        through the env's address space (the kernel's fast path wrote them)."""
        return tuple(space.word(self.save + 4 * k) for k in range(4))

    def kind(self, cause):
        return self.causes.get(cause, str(cause))


class UpcallWatch:
    """What `catch upcall [KIND]` watches: a core entering ring 3 at the
    upcall of the env it runs (its first instruction: the library's
    handler), the kind read from the save area the kernel filled."""

    def __init__(self, exo, kind=""):
        aliases = {"page": "pagefault", "fault": "pagefault", "tlb": "tlbmiss", "revocation": "revoke",
                   "exception": None}
        kinds = upcall_kinds()
        name = aliases.get(kind, kind) if kind else None
        if name is not None and name not in kinds:
            raise DebugError(f"catch upcall: unknown kind '{kind}' (choose from {', '.join(kinds)}, or "
                             f"none for every upcall)")
        self.exo = exo
        self.cause = kinds[name] if name else None

    def at_trap(self, core):
        return None

    def at_user_entry(self, core):
        from .access import AddressSpace
        exo = self.exo
        slot = exo.env_slot(core)
        if slot is None or core.pc != exo.upcall(slot):
            return None
        cause, bad, access, epc = exo.saved(AddressSpace.of_core(core))
        if self.cause is not None and cause != self.cause:
            return None
        return (f"upcall {exo.kind(cause)} in env {exo.env_id(slot)} ({exo.name(slot)}): "
                f"address {bad:#x}, access {access}, epc {epc:#x}")
