"""-O1: frames only where they are needed (docs/optimizer.md).

Two cheaper shapes than the full prologue/epilogue of docs/abi.md:

- A *frameless leaf*: a function that calls nothing, keeps nothing in the
  frame (no spills, no address-taken locals, no stack arguments) and needs
  no callee-saved register sets up no frame at all: its code is the body
  and a `ret`. lr keeps the return address throughout, so the emitter's
  second scratch register is t0 (kept out of allocation) instead of lr.
  The debug info marks such a function `"frameless": true`: a debugger
  unwinds it through lr, as in a prologue.

- An *early exit* (shrink-wrapping): when the body starts with a test of
  the parameters whose one side returns at once (`if (n < 2) return n;`,
  `if (lo >= hi) return;`), that test runs on the argument registers
  before the prologue, and the quick side returns without ever building
  the frame. The frame's side knows the test's outcome, so the body's own
  copy of the branch goes.
"""

from vm.isa import REG_ALIASES

from .frame import Frame, layout
from .ir import BRANCH_NEGATION, Insn, Temp
from .opt import clean_jumps
from .regalloc import allocate

T0 = REG_ALIASES["t0"]
BLOCK_OPS = ("bcopy", "bfill")


def asm_free(fn):
    """No inline asm (which might move sp or use lr, fp): only block copies."""
    return all(x.op != "fixed" or x.text.split()[:1] in ([op] for op in BLOCK_OPS)
               for x in fn.insns)


def _leaf_candidate(fn):
    """No calls, nothing in the frame, no asm that might touch lr or fp."""
    if fn.slots or getattr(fn, "outgoing", 0) or fn.variadic or fn.saved_extra:
        return False
    for x in fn.insns:
        if x.op == "call":
            return False
        if x.op in ("addr", "store") and x.base == "sp":
            return False
    return asm_free(fn)


def place(fn, opt, keep=()):
    """Allocate registers and lay out the frame: (Allocation, Frame)."""
    if opt >= 1 and _leaf_candidate(fn):
        alloc = allocate(fn, reserved=(T0,))
        if not fn.slots and not alloc.used_callee:
            return alloc, Frame([], 0, frameless=True)
        fn.slots.clear()             # only spill slots of the attempt: start again
    if opt >= 1:
        exit_ = early_exit(fn, keep)
    else:
        exit_ = None
    alloc = allocate(fn)
    frame = layout(fn, alloc.used_callee)
    frame.early_exit = exit_
    frame.sp_fixed = opt >= 1 and asm_free(fn)
    return alloc, frame


def _real(insns, i):
    while i < len(insns) and insns[i].op in ("label", "loc"):
        i += 1
    return i


def early_exit(fn, keep):
    """Find the early exit described above; rewrite the body's branch (the
    frame's side knows its outcome) and return (cond, a, b, value) over
    machine registers and constants for the emitter, or None."""
    insns = fn.insns
    e = _real(insns, 0)
    if e >= len(insns) or insns[e].op != "entry":
        return None
    regs = {t.id: r for t, r in insns[e].pairs}

    def operand(x):
        if isinstance(x, Temp):
            return ("r", regs[x.id]) if x.id in regs else None
        return ("i", x) if isinstance(x, int) else None

    i = _real(insns, e + 1)
    if i >= len(insns) or insns[i].op != "br":
        return None
    br = insns[i]
    a, b = operand(br.a), operand(br.b)
    if a is None or b is None or a[0] == "i" and b[0] == "i":
        return None
    where = {x.label: k for k, x in enumerate(insns) if x.op == "label"}
    quick_taken = None
    for taken, k in ((True, _real(insns, where[br.label])), (False, _real(insns, i + 1))):
        x = insns[k] if k < len(insns) else None
        if x is not None and x.op == "ret" and (x.a is None or operand(x.a) is not None):
            quick_taken, value = taken, (None if x.a is None else operand(x.a))
            break
    if quick_taken is None:
        return None
    cond = br.cond if quick_taken else BRANCH_NEGATION[br.cond]
    # Past the early test the branch goes the other way for sure, unless a
    # jump (a tail call made a loop: tailcall.py) comes back to it.
    targets = {x.label for x in insns if x.op in ("jmp", "br")}
    if not any(x.op == "label" and x.label in targets for x in insns[e:i]):
        if quick_taken:
            del insns[i]                             # falls through: the branch goes
        else:
            insns[i] = Insn("jmp", label=br.label)
        clean_jumps(fn, keep)
    return cond, a, b, value
