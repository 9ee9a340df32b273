"""Register allocation: linear scan over live intervals (Poletto & Sarkar).

Every temp gets one machine register for its whole interval, or a spill
slot in the frame. Two registers are never allocated: t1 and lr are the
emitter's scratch registers (for spilled operands, constants in branches
and shuffling call arguments).

A call (and the other instructions that clobber registers) destroys
a0-a5, t0, t1 and lr, so a temp live across one must sit in s0-s3 (saved
by the prologue) or be spilled; one that is only written and read once is
spilled rather than given an s-register nothing else uses yet (a store and
a load instead of the save, the restore and a move). Hints steer a temp towards the register
it is moved to or from (an argument register, a0 for a return value, the
register of a `mov` partner), which removes most moves.
"""

import bisect

from vm.isa import REG_ALIASES

from .hoist import loops as _loops
from .liveness import intervals

R = REG_ALIASES
# Preference order: short-lived values first in registers no call needs.
CALLER_POOL = [R["t0"], R["a5"], R["a4"], R["a3"], R["a2"], R["a1"], R["a0"]]
CALLEE_POOL = [R["s0"], R["s1"], R["s2"], R["s3"]]
SCRATCH = (R["t1"], R["lr"])
CHEAP_SPILL = 2                 # see allocate(): spill rather than take a new s-register


class Allocation:
    """temp id -> register number, or the Slot it was spilled to."""

    def __init__(self):
        self.where = {}
        self.used_callee = set()

    def reg(self, temp):
        loc = self.where.get(temp.id)
        return loc if isinstance(loc, int) else None

    def loc(self, temp):
        return self.where[temp.id]


def _clobber_points(insns):
    """register -> sorted instruction indexes that destroy it."""
    points = {}
    for i, insn in enumerate(insns):
        for r in insn.clobbered():
            points.setdefault(r, []).append(i)
    return points


def _crosses(points, reg, start, end):
    """Does a clobber of reg fall strictly inside [start, end]?"""
    idx = points.get(reg)
    if not idx:
        return False
    lo = (start + 1) // 2          # smallest i with 2i >= start
    hi = (end - 2) // 2            # largest i with 2i + 2 <= end
    k = bisect.bisect_left(idx, lo)
    return k < len(idx) and idx[k] <= hi


def _hints(insns):
    """temp id -> list of preferred registers, and temp id -> mov partners."""
    hints, partners = {}, {}
    for insn in insns:
        if insn.op == "call":
            for k, t in enumerate(insn.args[:6]):
                if hasattr(t, "id"):
                    hints.setdefault(t.id, []).append(k + 1)
            if insn.d is not None:
                hints.setdefault(insn.d.id, []).append(R["a0"])
        elif insn.op == "ret" and hasattr(insn.a, "id"):
            hints.setdefault(insn.a.id, []).append(R["a0"])
        elif insn.op == "entry":
            for t, r in insn.pairs:
                hints.setdefault(t.id, []).append(r)
        elif insn.op == "mov" and hasattr(insn.a, "id"):
            partners.setdefault(insn.d.id, []).append(insn.a)
            partners.setdefault(insn.a.id, []).append(insn.d)
    return hints, partners


def allocate(fn, reserved=()):
    """Allocate registers for fn (an ir.Function); returns an Allocation.
    `reserved` registers are left out (a frameless leaf's scratch, shrink.py)."""
    insns = fn.insns
    alloc = Allocation()
    ivs = sorted(intervals(insns).values(), key=lambda r: (r[0], r[1]))
    points = _clobber_points(insns)
    hints, partners = _hints(insns)
    weight = _weights(insns)
    active = []                  # [end, reg, temp id]
    busy = {}                    # reg -> temp id

    def usable(reg, start, end):
        return reg not in busy and not _crosses(points, reg, start, end)

    for start, end, temp in ivs:
        for entry in list(active):
            if entry[0] < start:
                active.remove(entry)
                del busy[entry[1]]
        prefs = list(hints.get(temp.id, []))
        for p in partners.get(temp.id, []):
            r = alloc.reg(p)
            if r is not None:
                prefs.insert(0, r)
        choice = None
        for r in prefs + CALLER_POOL + CALLEE_POOL:
            if r not in SCRATCH and r not in reserved and usable(r, start, end):
                choice = r
                break
        if choice is None:
            choice = _steal(active, busy, alloc, fn, points, start, end, weight, temp.id)
        elif (choice in CALLEE_POOL and choice not in alloc.used_callee
              and weight.get(temp.id, 0) <= CHEAP_SPILL):
            # A value that crosses a call and is written and read once: a
            # store and a load cost less than saving and restoring a fresh
            # s-register and moving the value into it.
            choice = None
        if choice is None:
            alloc.where[temp.id] = fn.slot(4, 4, f"spill.{temp.id}")
            continue
        alloc.where[temp.id] = choice
        busy[choice] = temp.id
        active.append([end, choice, temp.id])
        if choice in CALLEE_POOL:
            alloc.used_callee.add(choice)
    return alloc


def _weights(insns):
    """temp id -> how costly spilling it would be: its uses and definitions,
    each counted 10x per loop around it (loops found by their back edges)."""
    depth = [0] * (len(insns) + 1)
    for head, tail in _loops(insns):
        depth[head] += 1
        depth[tail + 1] -= 1
    weight, level = {}, 0
    for i, insn in enumerate(insns):
        level += depth[i]
        w = 10 ** min(level, 4)
        for t in insn.uses() + insn.defs():
            weight[t.id] = weight.get(t.id, 0) + w
    return weight


def _steal(active, busy, alloc, fn, points, start, end, weight, current):
    """Make room by spilling the cheapest of the competing intervals (the
    current one included); returns the freed register, or None to spill
    the current interval itself."""
    best = None
    for entry in active:
        if _crosses(points, entry[1], start, end):
            continue
        key = (weight.get(entry[2], 0), -entry[0])
        if best is None or key < best[0]:
            best = (key, entry)
    if best is None or best[0] >= (weight.get(current, 0), -end):
        return None
    entry = best[1]
    active.remove(entry)
    del busy[entry[1]]
    alloc.where[entry[2]] = fn.slot(4, 4, f"spill.{entry[2]}")
    return entry[1]
