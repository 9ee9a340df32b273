"""-O1: move constants and loop-invariant computations out of loops.

The machine has no compare-with-immediate branch, so `i < 100` at the bottom
of a loop costs `li lr, 100; blt ...` on every iteration; and a constant
stored in a loop (`a[i] = 1`) is rebuilt each time. Here such constants get
a temp loaded once before the loop, and so does an address computation that
does not change inside the loop (`i * 56` in an inner loop over k).

A loop is a backward jump to a label (the lowering's rotated loops). We only
touch loops that are entered at the top (no jump from outside lands inside)
and contain no call: a value kept across a call would need a callee-saved
register, which is better spent on variables.
"""

import copy

from .ir import Insn, Temp

MAX_PER_LOOP = 4


def loops(insns):
    """(header index, back-edge index) pairs, innermost (shortest) first."""
    where = {x.label: i for i, x in enumerate(insns) if x.op == "label"}
    found = []
    for i, x in enumerate(insns):
        if x.op in ("jmp", "br") and where.get(x.label, i + 1) <= i:
            found.append((where[x.label], i))
    return sorted(set(found), key=lambda r: r[1] - r[0])


def entered_only_at_top(insns, head, tail):
    """No jump from outside the loop lands inside it, nor on its top label
    (code placed before the top runs on the way in)."""
    inside = {x.label for x in insns[head:tail + 1] if x.op == "label"}
    for i, x in enumerate(insns):
        if head <= i <= tail or i == head - 1 and x.op == "jmp":
            continue
        targets = x.targets if x.op == "jr" else [x.label] if x.op in ("jmp", "br") else []
        if any(t in inside for t in targets):
            return False
    return True


def each_loop(fn, rewrite):
    """Call rewrite(insns, head, tail) once for every loop of fn, innermost
    first; it returns a new instruction list, or None to leave the loop.
    Returns whether any loop was rewritten."""
    insns = fn.insns
    done = set()
    changed, any_change = True, False
    while changed:                          # each loop is handled once (`done`)
        changed = False
        for head, tail in loops(insns):
            label = insns[head].label
            if label in done:
                continue
            done.add(label)
            new = rewrite(insns, head, tail)
            if new is not None:
                insns = new
                changed = any_change = True
                break                      # indexes moved: find the loops again
    fn.insns = insns
    return any_change


def hoist_constants(fn):
    each_loop(fn, lambda insns, head, tail: _hoist_loop(fn, insns, head, tail))


def _hoist_loop(fn, insns, head, tail):
    body = insns[head:tail + 1]
    if any(x.op in ("call", "fixed", "entry") for x in body):
        return None
    if not entered_only_at_top(insns, head, tail):
        return None
    pre = _hoist(fn, insns, body)
    if not pre:
        return None
    # Before the loop's entry jump (rotated loops start with one).
    at = head - 1 if head > 0 and insns[head - 1].op == "jmp" else head
    insns[at:at] = pre
    return [x for x in insns if x.op != "dead"]


def _invariant(x, defined_inside):
    """Can x be computed once before the loop? Pure, cannot trap, and its
    operands do not change inside the loop."""
    if x.op in ("li", "addr"):
        return True
    if x.op == "bin" and x.alu not in ("div", "divu", "rem", "remu"):
        return all(not isinstance(t, Temp) or t.id not in defined_inside for t in (x.a, x.b))
    return False


def _hoist(fn, insns, body):
    defs = {}
    for x in insns:
        for t in x.defs():
            defs[t.id] = defs.get(t.id, 0) + 1
    inside = {t.id for x in body for t in x.defs()}
    pre = []
    for x in body:
        if len(pre) >= MAX_PER_LOOP:
            break
        if x.op == "br" and isinstance(x.b, int) and x.b != 0:
            t = fn.temp("k")
            pre.append(Insn("li", d=t, imm=x.b))
            x.b = t
        elif x.op in ("li", "addr", "bin") and defs.get(x.d.id) == 1 and _invariant(x, inside):
            pre.append(copy.copy(x))
            inside.discard(x.d.id)             # now defined before the loop
            x.op = "dead"                      # removed by the caller
    return pre
