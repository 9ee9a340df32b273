"""-O1 clean-ups on the IR, before register allocation.

Each pass is small and local; together they remove what the straightforward
lowering leaves behind:
  - jumps to the next instruction, branches over a jump, unreachable code;
  - branches on constants known in straight-line code (a loop's entry test);
  - loads of memory just stored to or loaded from (memopt.py);
  - the same computation repeated in straight-line code;
  - instructions computing temps that nothing reads;
  - constants rebuilt on every iteration of a loop (hoist.py);
  - array indexing by a loop's counter (ivsr.py: a pointer stepped along).
"""

from .hoist import hoist_constants
from .ivsr import strength_reduce
from .memopt import dead_slot_stores, fold_post_increments, forward_loads, jump_targets
from .ir import BRANCH_NEGATION, Temp

PURE = {"li", "mov", "bin", "addr"}


def optimize(fn, keep_labels=()):
    clean_jumps(fn, keep_labels)
    if _known_branches(fn):
        clean_jumps(fn, keep_labels)
    forward_loads(fn)
    _local_cse(fn)
    _dead_code(fn)
    dead_slot_stores(fn)
    _fuse_moves(fn)
    fold_post_increments(fn)
    hoist_constants(fn)
    if strength_reduce(fn):
        _local_cse(fn)             # the loop's entry test computed the first address too
        _dead_code(fn)


def clean_jumps(fn, keep_labels=()):
    """Jumps to jumps or to the next instruction, unreachable code, unused labels."""
    for _ in range(3):
        changed = _jumps(fn)
        changed |= _unreachable(fn)
        changed |= _unused_labels(fn, keep_labels)
        if not changed:
            break


def _next_real(insns, i):
    """Index of the first instruction after i that is not a label or loc."""
    j = i + 1
    while j < len(insns) and insns[j].op in ("label", "loc"):
        j += 1
    return j


def _labels_between(insns, i, j):
    return {insns[k].label for k in range(i + 1, j) if insns[k].op == "label"}


def _jumps(fn):
    insns = fn.insns
    changed = False
    # jump threading: a jump to a label followed by a jump goes straight there
    where = {insn.label: k for k, insn in enumerate(insns) if insn.op == "label"}
    for insn in insns:
        if insn.op in ("jmp", "br"):
            seen = set()
            while insn.label not in seen:
                seen.add(insn.label)
                j = _next_real(insns, where[insn.label])
                if j < len(insns) and insns[j].op == "jmp" and insns[j].label != insn.label:
                    insn.label = insns[j].label
                    changed = True
                else:
                    break
    out = []
    for i, insn in enumerate(insns):
        if insn.op == "jmp":
            j = _next_real(insns, i)
            if insn.label in _labels_between(insns, i, j):
                changed = True
                continue                      # jump to the very next instruction
        if insn.op == "br":
            j = _next_real(insns, i)
            if j < len(insns) and insns[j].op == "jmp" and not _labels_between(insns, i, j):
                k = _next_real(insns, j)
                if insn.label in _labels_between(insns, j, k):
                    # br c, L1; jmp L2; L1:  ->  br !c, L2; L1:
                    insn.cond = BRANCH_NEGATION[insn.cond]
                    insn.label = insns[j].label
                    insns[j].op = "label"      # neutralised below
                    insns[j].label = None
                    changed = True
        out.append(insn)
    fn.insns = [x for x in out if not (x.op == "label" and x.label is None)]
    return changed


def _branch_taken(cond, a, b):
    a, b = a & 0xFFFFFFFF, b & 0xFFFFFFFF
    sa, sb = a - (a >> 31 << 32), b - (b >> 31 << 32)
    return {"beq": a == b, "bne": a != b, "blt": sa < sb, "bge": sa >= sb,
            "bltu": a < b, "bgeu": a >= b}[cond]


def _known_branches(fn):
    """A branch whose operands hold constants known in the same extended
    block (`i = 0; if (i < 10)`) becomes a jump, or goes."""
    known, out, changed = {}, [], False
    for insn in fn.insns:
        if insn.op == "label":
            known.clear()
        elif insn.op == "br":
            a = known.get(insn.a.id) if isinstance(insn.a, Temp) else insn.a
            b = known.get(insn.b.id) if isinstance(insn.b, Temp) else insn.b
            if isinstance(a, int) and isinstance(b, int):
                changed = True
                if _branch_taken(insn.cond, a, b):
                    insn.op = "jmp"
                else:
                    continue
        value = None
        if insn.op == "li" and isinstance(insn.imm, int):
            value = insn.imm
        elif insn.op == "mov":
            value = known.get(insn.a.id) if isinstance(insn.a, Temp) else insn.a
        for t in insn.defs():
            known.pop(t.id, None)
        if isinstance(value, int):
            known[insn.d.id] = value
        out.append(insn)
    fn.insns = out
    return changed


def _unreachable(fn):
    """Drop code after a jump up to the next label some jump targets (labels
    kept only for debug scopes do not make code reachable)."""
    targets = set()
    for insn in fn.insns:
        if insn.op in ("jmp", "br"):
            targets.add(insn.label)
        elif insn.op == "jr":
            targets.update(insn.targets)
    out, dead, changed = [], False, False
    for insn in fn.insns:
        if insn.op == "label" and (insn.label in targets or insn.label.startswith(".Lbody.")):
            dead = False
        if dead and insn.op not in ("loc", "label"):
            changed = True
            continue
        out.append(insn)
        if insn.op in ("jmp", "ret", "jr"):
            dead = True
    fn.insns = out
    return changed


def _unused_labels(fn, keep):
    used = set(keep)
    for insn in fn.insns:
        if insn.op in ("jmp", "br"):
            used.add(insn.label)
        elif insn.op == "jr":
            used.update(insn.targets)
    before = len(fn.insns)
    fn.insns = [x for x in fn.insns if x.op != "label" or x.label in used]
    return len(fn.insns) != before


def _dead_code(fn):
    while True:
        used = set()
        for insn in fn.insns:
            for t in insn.uses():
                used.add(t.id)
        keep = [x for x in fn.insns
                if not ((x.op in PURE or (x.op == "load" and not x.volatile))
                        and x.d is not None and x.d.id not in used)]
        if len(keep) == len(fn.insns):
            return
        fn.insns = keep


def _fuse_moves(fn):
    """`d = a + b; x = d` with d used nowhere else becomes `x = a + b`."""
    uses, defs = {}, {}
    for insn in fn.insns:
        for t in insn.uses():
            uses[t.id] = uses.get(t.id, 0) + 1
        for t in insn.defs():
            defs[t.id] = defs.get(t.id, 0) + 1
    out = []
    for insn in fn.insns:
        prev = out[-1] if out else None
        if (insn.op == "mov" and isinstance(insn.a, Temp) and prev is not None
                and prev.op in ("li", "bin", "load", "addr") and prev.d is insn.a
                and uses.get(insn.a.id) == 1 and defs.get(insn.a.id) == 1):
            prev.d = insn.d
            continue
        out.append(insn)
    fn.insns = out


def _local_cse(fn):
    """`t2 = i * 56` when a temp still holds i * 56 from the same extended
    block becomes `t2 = t1`. Calls end the reuse (the value would have to
    survive the call in a callee-saved register)."""
    avail = {}
    targets = jump_targets(fn.insns)
    for insn in fn.insns:
        op = insn.op
        if op == "label" and insn.label not in targets:
            continue
        if op in ("label", "call", "fixed", "entry"):
            avail.clear()
        key = None
        if op == "bin" and not isinstance(insn.b, str):
            key = ("bin", insn.alu, insn.a, insn.b)
        elif op == "addr":
            key = ("addr", insn.base, insn.off)
        if key is not None:
            held = avail.get(key)
            if held is not None and held is not insn.d:
                insn.op, insn.a = "mov", held
                key = None
        for t in insn.defs():
            for k in [k for k, v in avail.items() if v is t or t in k]:
                del avail[k]
        if key is not None and insn.d not in key:
            avail[key] = insn.d
