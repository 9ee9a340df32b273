"""The exokernel's views (issue 16): `info envs` and `info bindings [ENV]`.

They read kernel/exo's own tables by name through the kernel's debug
info, with the same evaluator as `print` (no offsets here): `envs[]`
(struct env, kernel/exo/exo.h), the exposed page `info` (struct exoinfo:
names, repossession vectors) and the owner table `owner` (one byte a
physical page: the slot + 1 of the env holding it), and page.c's `guest`
and `guestperm` (who else may map a page). The names of the ENV_* states
and of the EXO_OWNER_* values come from kernel/exo/exoabi.h, as `catch
syscall`'s names come from syscall.h.

A session on an exo boot bundle (the kernel and bare libos programs,
shell/build.py build_exo_bundle) is made by exo_session().
"""

import os

from vm.errors import MinosError

from .engine.symbols import DebugError

EXOABI = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                      "kernel", "exo", "exoabi.h")
PTE_W, PTE_X = 0x2, 0x4


def _names(prefix):
    from ..debug_cmd import syscall_names
    return syscall_names(EXOABI, prefix)


class ExoCommands:
    """info envs, info bindings: mixed into the Session."""

    def _exo(self):
        """(evaluate(text), the kernel program) for kernel/exo's tables."""
        from .engine.access import AddressSpace
        from .engine.expr import Context, evaluate
        engine = self.engine
        for program in engine.programs:
            if program.global_var("envs") is not None and program.global_var("owner") is not None:
                # the kernel's data is mapped at its physical address
                ctx = Context(engine.core, None, program, AddressSpace(engine.machine))
                return (lambda text: evaluate(text, ctx)), program
        raise DebugError("info envs needs kernel/exo's debug info (its 'envs' and 'owner' tables); "
                         "none of the loaded programs has them")

    def _exo_view(self):
        """kernel/exo's tables for the engine (engine/exoaware.py)."""
        if self.engine.exo is None:
            raise DebugError("catch upcall needs kernel/exo's debug info (its envs table); "
                             "none of the loaded programs has it")
        return self.engine.exo

    def _envs(self, ev):
        """[(slot, id, state name, parent, mode, pages held, name, repossessed, asid)]."""
        states = _names("ENV_")
        out = []
        n = ev("envs").type.strip().length or 0
        for i in range(n):
            env_id = ev(f"envs[{i}].id").as_int()
            if env_id == 0:
                continue
            state = ev(f"*envs[{i}].status").as_int()
            name = bytes(ev(f"info->envs[{i}].name[{k}]").as_int() for k in range(16))
            out.append((i, env_id, states.get(state, str(state)), ev(f"envs[{i}].parent").as_int(),
                        "soft" if ev(f"envs[{i}].tlbmode").as_int() else "pagetable",
                        ev(f"envs[{i}].held").as_int(), name.split(b"\0")[0].decode("latin-1"),
                        ev(f"info->envs[{i}].nrepo").as_int(), ev(f"envs[{i}].asid").as_int()))
        return out

    def info_envs(self, arg):
        ev, _ = self._exo()
        running = {}
        for core in self.engine.machine.cores:
            if core.paging:
                running[core.asid] = core.id
        envs = self._envs(ev)
        self.write(f"{len(envs)} environment(s)")
        self.write(f"{'slot':<5}{'id':<6}{'state':<14}{'parent':<8}{'tlb':<11}{'pages':<7}"
                   f"{'repo':<6}{'core':<6}name")
        for slot, env_id, state, parent, mode, held, name, nrepo, asid in envs:
            core = str(running[asid]) if asid in running else "-"
            self.write(f"{slot:<5}{env_id:<6}{state:<14}{parent or '-'!s:<8}{mode:<11}{held:<7}"
                       f"{nrepo:<6}{core:<6}{name}")

    def info_bindings(self, arg):
        ev, _ = self._exo()
        envs = self._envs(ev)
        shown = envs
        if arg:
            try:
                wanted = int(arg, 0)
            except ValueError:
                raise DebugError(f"info bindings: '{arg}' is not an env id") from None
            shown = [e for e in envs if e[1] == wanted]
            if not shown:
                raise DebugError(f"info bindings: no environment has id {wanted}")
        npages = ev("info->npages").as_int()      # (the kernel keeps it <= EXO_MAXPPN)
        owners = self.engine.machine.read_phys(ev("owner").as_int(), npages)
        guest = self._table(ev, "guest", npages) or bytes(npages)
        perm = self._table(ev, "guestperm", npages) or bytes(npages)
        special = {v: k for k, v in _names("EXO_OWNER_").items()}
        self.write(f"{npages} physical pages: "
                   f"{sum(1 for o in owners if o == special.get('FREE', 0))} free, "
                   f"{sum(1 for o in owners if o == special.get('KERNEL', 255))} the kernel's")
        for slot, env_id, *_ in shown:
            mine = [p for p in range(npages) if owners[p] == slot + 1]
            self.write(f"env {env_id}: holds {len(mine)} page(s): {_ranges(mine)}")
            lent = _grouped([(p, guest[p], perm[p]) for p in mine if guest[p]], envs)
            if lent:
                self.write(f"  shares with {lent}")
            borrowed = _grouped([(p, owners[p], perm[p]) for p in range(npages) if guest[p] == slot + 1],
                                envs)
            if borrowed:
                self.write(f"  may map pages of {borrowed}")

    def _table(self, ev, name, n):
        """A byte table of page.c, or None if the debug info lacks it."""
        try:
            v = ev(name)
        except MinosError:
            return None
        return self.engine.machine.read_phys(v.addr, n)


def _perm(p):
    return "r" + ("w" if p & PTE_W else "-") + ("x" if p & PTE_X else "-")


def _grouped(pages, envs):
    """'env 195 r-x 3579-3585; env 195 rw- 3587-3596' for (page, owner
    value of the other env, rights) triples."""
    groups = {}
    for p, other, rights in pages:
        groups.setdefault((_holder(other, envs), _perm(rights)), []).append(p)
    return "; ".join(f"{who} {rights} {_ranges(ps)}" for (who, rights), ps in groups.items())


def _holder(owner_value, envs):
    for slot, env_id, *_ in envs:
        if owner_value == slot + 1:
            return f"env {env_id}"
    return f"owner value {owner_value}"


def _ranges(pages):
    """'3577-3580, 3600' for a sorted list of page numbers."""
    if not pages:
        return "none"
    out, start, prev = [], pages[0], pages[0]
    for p in pages[1:] + [None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if p is not None:
            start = prev = p
    return ", ".join(out)


def exo_session(kernel_img, disk_img, program_imgs, cores=1, write=None, budget=50_000_000):
    """A debugging session on an exo boot bundle: the kernel's debug info in
    ring 0, the bundle's programs' in ring 3 (the first one's, where the
    others' addresses coincide: bare libos programs share a layout)."""
    from vm.machine import Machine

    from ..debug_cmd import attach
    from .engine.symbols import Program, Programs, Scope
    with open(disk_img, "rb") as f:
        disk = bytearray(f.read())
    machine = Machine(cores=cores, mem_mib=16, disk=disk)
    machine.load_image(str(kernel_img))
    programs = Programs()
    programs.add(Program.from_image(str(kernel_img), "kernel", Scope(ring=0)))
    for img in program_imgs:
        programs.add(Program.from_image(str(img), os.path.basename(str(img)), Scope(ring=3)))
    return attach(machine, programs, write, budget=budget)
