"""Unwinding the stack: from a core's registers to the chain of frames.

Compiled C keeps a frame-pointer chain (docs/abi.md): fp points at the
saved fp, fp+4 holds the return address, and the callee-saved registers a
function uses sit just below fp (debug info `saved_regs`). Walking that
chain gives the callers. Two cases need more:

- The innermost frame may be in a prologue or at its `ret`, or in a leaf
  function compiled without a frame (debug info `frameless`): fp is still
  the caller's and the return address is in lr.
- A trap boundary. In a trap handler the "caller" is whatever was running
  when the trap came: its pc is csr epc and its ring is in csr estatus
  (bare programs: the handler code is what the vector table jumps to). A
  kernel's C handler that takes a `struct trapframe *` (docs/abi.md layout)
  gives the interrupted registers exactly, even for nested traps.
"""

from dataclasses import dataclass, field

from vm.isa import FP, LR, MASK, NREGS, SP, STATUS_RING_SHIFT, decode
from .access import AddressSpace
from .symbols import DebugError

EPC, ESTATUS, CAUSE_CSR, VEC, USP = 1, 2, 3, 6, 8
NVECTORS = 12
CALLEE_SAVED = (9, 10, 11, 12)
MAX_FRAMES = 64


@dataclass
class Frame:
    level: int
    pc: int
    ring: int
    regs: list                  # register values; None where not known in this frame
    program: object = None
    function: object = None
    space: object = None        # AddressSpace of this frame's code
    trap: str = None            # set on the frame a trap interrupted: the cause
    frameless: bool = False     # in a prologue/epilogue: fp is still the caller's
    returning: bool = False     # pc is a return address (so its line is that of the call before it)
    notes: list = field(default_factory=list)

    @property
    def line_pc(self):
        """The pc to look the source line up with: a return address may
        already be on the next line, the call is just before it."""
        return self.pc - 8 if self.returning else self.pc

    @property
    def fp(self):
        return self.regs[FP]

    @property
    def sp(self):
        return self.regs[SP]

    @property
    def cfa(self):
        """The frame's identity: sp at the function's entry."""
        if self.function and not self.frameless and self.fp is not None:
            return (self.fp + 8) & MASK
        return self.sp


def _is_ret(space, pc):
    try:
        w = space.read(pc, 8)
    except DebugError:
        return False
    d = decode(int.from_bytes(w[:4], "little"), int.from_bytes(w[4:], "little"))
    return d is not None and d.insn.name == "jr" and d.rs1 == LR


def trap_handler_names(core, program):
    """Names of the symbols the vector table jumps to: trap handler code."""
    space = AddressSpace.of_core(core)
    names = set()
    vec = core.csr[VEC]
    for c in range(NVECTORS):
        try:
            w = space.read(vec + 8 * c, 8)
        except DebugError:
            return names
        d = decode(int.from_bytes(w[:4], "little"), int.from_bytes(w[4:], "little"))
        if d is not None and d.insn.name == "jmp" and program:
            found = program.info.symbol_at(d.imm)
            if found:
                names.add(found[0])
    return names


def in_trap_code(core, program, pc):
    vec = core.csr[VEC]
    if vec <= pc < vec + 8 * NVECTORS:
        return True
    if not program:
        return False
    found = program.info.symbol_at(pc)
    return bool(found) and found[0] in trap_handler_names(core, program)


def unwind(core, programs, limit=MAX_FRAMES, interrupted=None):
    """The frames of what `core` is running, innermost first. With
    interrupted = (pc, ring, regs, why): the core is on the first
    instruction of a handler that code was interrupted by (why: 'upcall:
    pagefault'), whose registers those are; its frames follow."""
    regs = list(core.regs)
    regs[0] = 0
    pc, ring = core.pc, core.ring
    frames = []
    if interrupted is not None:
        program = programs.for_state(core, ring)
        frames.append(Frame(0, pc, ring, regs, program, program.function_at(pc) if program else None,
                            AddressSpace.of_core(core), trap=interrupted[3], frameless=True))
        pc, ring, regs = interrupted[:3]
    used_csr_trap = False
    returning = False
    trapframe = None    # a C trap handler's struct trapframe: the way past the asm stub below it
    exact = True        # regs are the real registers (innermost frame, or across a bare trap entry)
    while len(frames) < limit:
        space = AddressSpace.of_core(core)
        program = programs.for_state(core, ring)
        fn = program.function_at(pc - 8 if returning else pc) if program else None
        frame = Frame(len(frames), pc, ring, regs, program, fn, space, returning=returning)
        frames.append(frame)
        returning = True
        if fn:
            frameless = pc < fn.body or fn.frameless or _is_ret(space, pc)
            frame.frameless = frameless
            nxt = _caller_of_c(frame, frameless and exact)
            exact = False
            trapframe = _trapframe_caller(frame) or trapframe
            if nxt is None:
                if trapframe is None:
                    break
                nxt, frame.trap = trapframe[:3], trapframe[3]
                trapframe = None
                returning = False
                exact = True             # a trap frame holds every register
        elif not used_csr_trap and in_trap_code(core, program, pc):
            used_csr_trap = True
            nxt = _csr_trap_caller(core, frame)
            returning = False
        elif exact and regs[LR]:
            frame.frameless = True
            nxt = (regs[LR], ring, _caller_regs(regs, {}, keep_fp=True))
            exact = False
        elif trapframe is not None:      # the asm stub that called the C handler
            nxt, frame.trap = trapframe[:3], trapframe[3]
            trapframe = None
            returning = False
            exact = True                 # a trap frame holds every register
        else:
            break
        pc, ring, regs = nxt
        if pc == 0:
            break
    return frames


def _caller_regs(regs, restored, keep_fp=False):
    """The registers known in the caller: callee-saved ones (as restored
    from the callee's save slots), fp/sp; the rest were not preserved."""
    out = [None] * NREGS
    out[0] = 0
    for r in CALLEE_SAVED:
        out[r] = restored.get(r, regs[r])
    if keep_fp:
        out[FP], out[SP] = regs[FP], regs[SP]
    return out


def _caller_of_c(frame, frameless):
    """(pc, ring, regs) of the caller of a compiled function, or None at
    the end of the chain."""
    regs = frame.regs
    if frameless:
        if not regs[LR]:
            return None
        return regs[LR], frame.ring, _caller_regs(regs, {}, keep_fp=True)
    fp = regs[FP]
    if not fp:
        return None
    try:
        saved_fp = frame.space.word(fp)
        ret = frame.space.word(fp + 4)
        restored = {r: frame.space.word(fp + off) for r, off in frame.function.saved_regs.items()}
    except DebugError:
        return None
    out = _caller_regs(regs, restored)
    out[FP], out[SP] = saved_fp, (fp + 8) & MASK
    if ret == 0:
        return None
    return ret, frame.ring, out


def _csr_trap_caller(core, frame):
    """Leaving trap handler code: the interrupted code is at epc."""
    estatus = core.csr[ESTATUS]
    ring = estatus >> STATUS_RING_SHIFT & 3
    regs = list(frame.regs)
    if ring and frame.level == 0:
        regs[SP] = core.csr[USP]
    frame.trap = core.machine.cause_name(core.csr[CAUSE_CSR])
    return core.csr[EPC], ring, regs


def _trapframe_caller(frame):
    """A C handler whose parameter is a `struct trapframe *`: the registers
    of the interrupted code are in that frame. (pc, ring, regs, cause) or None."""
    from .values import read_variable      # (values imports frames)
    for p in frame.function.params:
        t = p.type.strip()
        if t.kind == "pointer" and t.target.strip().kind == "struct" \
                and t.target.strip().name == "exoframe":
            return _exoframe_caller(frame, read_variable(frame, p).as_int())
        if t.kind == "pointer" and t.target.strip().kind == "struct" \
                and t.target.strip().name == "trapframe":
            try:
                tf = read_variable(frame, p).as_int()
                words = [frame.space.word(tf + 4 * i) for i in range(21)]
            except DebugError:
                return None
            regs = [0] + words[:15]
            ring = words[16] >> STATUS_RING_SHIFT & 3
            if ring:
                regs[SP] = words[20]            # usp
            return words[15], ring, regs, frame.space.machine.cause_name(words[17])
    return None


def _exoframe_caller(frame, f):
    """A library OS's exception handler (exo): its `struct exoframe *`
    (kernel/exo/exoabi.h: cause, badaddr, access, epc, regs[15] = r1..r15)
    holds the registers of the code the exception interrupted, in the
    same address space, in ring 3. (pc, ring, regs, 'upcall: KIND')."""
    from .exoaware import upcall_kinds
    try:
        words = [frame.space.word(f + 4 * i) for i in range(19)]
    except DebugError:
        return None
    kinds = {v: k for k, v in upcall_kinds().items()}
    return words[3], 3, [0] + words[4:19], "upcall: " + kinds.get(words[0], str(words[0]))
