"""Calling a function of the program from an expression: `print fact(3)`,
`print mythread()->name`.

The call runs on a copy of the present: the engine takes a snapshot of the
whole machine, sets up the call on the focused core as the ABI says
(docs/abi.md: arguments in a0-a5, the return address in lr, the result in
a0), runs the machine until the function returns to the pc the core was
stopped at with sp back where the call began, reads a0, and restores the
snapshot. Nothing the call did survives it (memory, devices, console
output, counters): the machine is exactly as before, so going back in time
still replays the same history. Interrupts are off on the calling core for
the duration (a timer tick would switch to another process), the call is
bounded by CALL_BUDGET instructions, and a fault inside it ends it.

When a call cannot be made (in a breakpoint condition, on a machine that
has stopped for good, with struct arguments...), `alternatives` offers
expressions that read the same thing without running: globals, or fields
of per-core or per-slot arrays, whose type is the function's return type,
found in the debug info (`mythread()` -> `cpus[0].thread`).
"""

from vm.isa import CAUSE, FIRST_INTERRUPT, LR, MASK, SP
from .ctypes import VOID
from .symbols import DebugError
from .values import Value

CALL_BUDGET = 1_000_000
MAX_ARGS = 6                    # a0-a5: stack arguments are not set up
SYSCALL = CAUSE["syscall"]


def function_of(value):
    """(address, function type) of a function or a pointer to one."""
    t = value.type.strip()
    if t.kind == "function":
        return value.addr, t
    if t.kind == "pointer" and t.target is not None and t.target.strip().kind == "function":
        return value.as_int() & MASK, t.target.strip()
    raise DebugError(f"'{value.type}' is not a function")


def check_call(name, ftype, args):
    """Why this call cannot be made with registers only, or None."""
    if ftype.variadic:
        return f"{name} takes variable arguments"
    params = ftype.params
    if params is not None and len(args) != len(params) and not (params == [] and not args):
        return f"{name} takes {len(params)} argument{'s' if len(params) != 1 else ''}, not {len(args)}"
    if len(args) > MAX_ARGS:
        return f"at most {MAX_ARGS} arguments can be passed"
    for a in args:
        if a.type.strip().kind not in ("int", "enum", "pointer", "array", "function"):
            return f"argument of type '{a.type}' is not a number or pointer"
    ret = ftype.target.strip() if ftype.target is not None else None
    if ret is not None and ret.kind in ("struct", "union"):
        return f"{name} returns a {ret.kind}"
    return None


def call_function(engine, name, value, args):
    """Run name(args) on a snapshot of the machine and return its value."""
    addr, ftype = function_of(value)
    why = check_call(name, ftype, args)
    if why:
        raise DebugError(f"cannot call {name}: {why}")
    m = engine.machine
    if m.halted and m.halted != "idle":
        raise DebugError(f"cannot call {name}: the machine is not running ({m.halted})")
    core = engine.core
    timeline = engine.timeline
    snap = timeline.snapshotter.take(engine.position())
    stopped_at = m._stopped_at                    # where a hook stopped the run (not in a snapshot)
    ret_pc = core.pc
    sp = (core.regs[SP] - 64) & ~7 & MASK        # below whatever the stopped code keeps at sp
    outcome = {}

    def on_insn(c, pc):
        if c is core and pc == ret_pc and c.regs[SP] == sp:
            outcome["returned"] = c.regs[1]
            m.stop()

    def on_trap(c, cause, epc):
        if c is core and cause < FIRST_INTERRUPT and cause != SYSCALL and "fault" not in outcome:
            outcome["fault"] = (m.cause_name(cause), epc)
            m.stop()

    timeline.replaying = True                     # the call's console output is not shown
    m.add_hook("insn", on_insn)
    m.add_hook("trap", on_trap)
    try:
        for i, a in enumerate(args):
            core.regs[1 + i] = a.as_int() & MASK
        core.regs[SP] = sp
        core.regs[LR] = ret_pc
        core.ie = 0
        core.waiting = False
        core.pc = addr
        m.halted = None                           # (a bare machine may have stopped 'idle')
        m.run(max_instructions=CALL_BUDGET)
    finally:
        m.remove_hook("insn", on_insn)
        m.remove_hook("trap", on_trap)
        timeline.snapshotter.restore(snap)
        m._stopped_at = stopped_at
        timeline.replaying = False
    if "fault" in outcome:
        cause, epc = outcome["fault"]
        raise DebugError(f"{name}() stopped with a {cause} trap at {epc:#x}; the machine is as before the call")
    if "returned" not in outcome:
        raise DebugError(f"{name}() did not return within {CALL_BUDGET} instructions; "
                         f"the machine is as before the call")
    ret = ftype.target
    if ret is None or ret.strip().kind == "void":
        return Value(ret or VOID, b"")
    return Value.of_int(outcome["returned"], ret)


def alternatives(program, ret_type, core_id):
    """Expressions that read a pointer or struct of type `ret_type` without
    a call: a field of that type in an element of a global array of structs
    (indexed by the focused core; fields that link a struct to others of
    its own kind, like a list's `next`, are left out), then a global of
    that type. Nothing for other return types: any int would match."""
    if program is None or ret_type is None or ret_type.strip().kind not in ("pointer", "struct"):
        return []
    want = str(ret_type)
    direct, fields, opaque = [], [], []
    for name, variables in program.globals.items():
        t = variables[0].type
        s = t.strip()
        if str(t) == want:
            direct.append(name)
        elif s.kind == "array" and s.target.strip().kind == "struct":
            element = s.target.strip()
            index = core_id if core_id < (s.length or 0) else 0
            for fname, ftype, _off in element.fields or ():
                f = ftype.strip()
                link = f.kind == "pointer" and f.target is not None and f.target.strip() is element
                if fname and str(ftype) == want and not link:
                    fields.append(f"{name}[{index}].{fname}")
                elif fname and not link and f.kind == "pointer" and f.target is not None:
                    path = f"{name}[{index}].{fname}"
                    opaque += [f"(({want}){path}->{o})" for o in _void_pointers(f.target.strip())]
    # cpus[i].thread->owner: core's thread points at its owner (mono's
    # struct proc) through a void *; a cast reads it as the wanted type.
    return fields + (opaque if not fields else []) + direct


OWNER_FIELDS = ("owner",)    # a void * naming the object a struct belongs to


def _void_pointers(struct):
    """The fields of a struct that are a `void *` owner (core's struct
    thread: `owner`, the personality's process, environment or task)."""
    if struct.kind != "struct":
        return []
    found = []
    for fname, ftype, _off in struct.fields or ():
        f = ftype.strip()
        if (fname in OWNER_FIELDS and f.kind == "pointer" and f.target is not None
                and str(f.target.strip()) == "void"):
            found.append(fname)
    return found
