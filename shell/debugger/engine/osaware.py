"""OS awareness: reading the kernel's own data structures by name, through
the kernel's debug info, so the debugger can show processes.

Everything here is an expression over kernel globals, evaluated by the
same evaluator as `print` — no offsets are hard-coded. It expects a
global process table `proc` whose entries have a pid, and the fields
state, chan, cpu, name, pagetable, asid either in the entry itself or in
its thread (`proc[i].thread->state`, kernel/include/thread.h) or the
thread's address space (`proc[i].thread->as->pagetable`), as
kernel/mono/proc.h declares; `struct cpu cpus[NCPU]` whose `thread` (or
`proc`) is what each core runs; and the clock `ticks`, the channel
sys_sleep sleeps on. A kernel with other names needs a new reader here,
nothing else.
"""

from dataclasses import dataclass

from vm.errors import MinosError
from .access import PTBR
from .symbols import DebugError
from .values import format_value


@dataclass
class ProcInfo:
    slot: int
    pid: int
    state: str
    cpu: int
    name: str
    pagetable: int
    asid: int
    running_on: int = None
    chan: int = None            # what a sleeping process waits for (an address)


def kernel_program(engine):
    for p in engine.programs:
        if p.global_var("proc") is not None and p.scope.ring in (0, None):
            return p
    return None


def read_procs(engine, core=None):
    """The used slots of the kernel's process table."""
    program = kernel_program(engine)
    if program is None:
        raise DebugError("info procs needs the kernel's debug info (a global 'proc' table); "
                         "none of the loaded programs has it")
    from .expr import Context, evaluate
    from .access import AddressSpace
    core = core or engine.core
    # kernel data is read through the current address space (the kernel maps itself in every one)
    ctx = Context(core, None, program, AddressSpace.of_core(core))

    def ev(text):
        return evaluate(text, ctx)
    table = ev("proc")
    n = table.type.strip().length or 0
    running = {}
    try:
        cpus = ev("cpus")
        for i in range(min(cpus.type.strip().length or 0, len(engine.machine.cores))):
            p = _value(ev, [f"cpus[{i}].thread", f"cpus[{i}].proc"])
            if p is not None and p.as_int():
                running[p.as_int()] = i
    except MinosError:
        pass
    out = []
    for i in range(n):
        state = _value(ev, _paths(i, "state"))
        if state is None or state.as_int() == 0:
            continue
        addr = table.addr + i * table.type.strip().target.byte_size
        thread = _value(ev, [f"proc[{i}].thread"])
        here = running.get(addr, running.get(thread.as_int() if thread is not None else None))
        name = format_value(_value(ev, _paths(i, "name")))
        out.append(ProcInfo(i, ev(f"proc[{i}].pid").as_int(), format_value(state),
                            _field(ev, i, "cpu"), name.strip('"'),
                            _field(ev, i, "pagetable"), _field(ev, i, "asid"), here,
                            _field(ev, i, "chan")))
    return out


def _paths(i, name):
    """Where field `name` of process slot i may be: the entry, its thread,
    the thread's address space."""
    return [f"proc[{i}].{name}", f"proc[{i}].thread->{name}", f"proc[{i}].thread->as->{name}"]


def _value(ev, paths):
    for text in paths:
        try:
            return ev(text)
        except MinosError:
            continue
    return None


def waiting_for_input(engine):
    """Whether, by the kernel's tables, only console input can make anything
    happen: no process (or, without a process table, no core thread:
    kernel/include/thread.h's `threads`) is runnable or running, and none
    sleeps on the clock (sys_sleep and core's ticksleep sleep on &ticks, so
    a timer tick may wake it). The engine asks this when every core sleeps
    in wfi with no device busy."""
    program = kernel_program(engine) or _program_with(engine, "threads")
    clock = program.global_var("ticks") if program else None
    if clock is None:
        raise DebugError("the kernel has no clock 'ticks' to tell sleepers on it from the rest")
    if kernel_program(engine) is not None:
        states = [(p.state, p.chan) for p in read_procs(engine)]
    else:
        states = _thread_states(engine, program)
    for state, chan in states:
        if state in ("RUNNABLE", "RUNNING"):
            return False
        if state == "SLEEPING" and chan == clock.loc["addr"]:
            return False
    return True


def _program_with(engine, name):
    for p in engine.programs:
        if p.global_var(name) is not None and p.scope.ring in (0, None):
            return p
    return None


def _thread_states(engine, program):
    """[(state name, chan)] of core's used thread slots (a kernel with no
    process table of its own: micro, exo)."""
    from .access import AddressSpace
    from .expr import Context, evaluate
    ctx = Context(engine.core, None, program, AddressSpace(engine.machine))
    n = evaluate("threads", ctx).type.strip().length or 0
    out = []
    for i in range(n):
        state = evaluate(f"threads[{i}].state", ctx)
        if state.as_int():
            out.append((format_value(state), evaluate(f"threads[{i}].chan", ctx).as_int()))
    return out


def program_resolver(engine):
    """fn(core) -> the name of the program running on core in ring 3, by
    the tables of the kernel the debug info describes: mono's process
    table, micro's tasks (microaware.py), exo's environments (exoaware.py);
    None if it is none of those."""
    if kernel_program(engine) is not None:
        return lambda core: process_program_name(engine, core)
    if _program_with(engine, "tcbs") is not None:
        from .microaware import MicroKernel
        micro = MicroKernel(engine)
        return micro.program_name
    if _program_with(engine, "envs") is not None:
        from .exoaware import ExoKernel
        return ExoKernel(engine).program_name
    return None


def _field(ev, i, name):
    v = _value(ev, _paths(i, name))
    return v.as_int() if v is not None else None


def process_program_name(engine, core):
    """The name of the program the process running on `core` executes:
    the process whose address space (asid, page directory) is current."""
    for p in read_procs(engine, core):
        if p.asid == core.asid and (p.pagetable is None or not core.paging or p.pagetable == core.csr[PTBR]):
            return p.name
    return None
