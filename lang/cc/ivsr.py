"""-O1: strength reduction of array indexing in loops (docs/optimizer.md).

In a loop where `i` only changes by `i = i + c`, an access `v[i]` costs a
shift (or multiply), an add and the load on every iteration:

    t = i << 2;  u = v + t;  load 0(u)

A pointer p = v + (i << 2), computed once before the loop and stepped by
c << 2 right after each `i = i + c`, always equals u, so the access becomes
`load 0(p)`: one add per iteration instead of the shift and add. Only in
loops without calls (p must not need a callee-saved register), entered
only at the top, and only for an address `u` whose every use is a load or
store base in its own straight-line block (so no step of p falls between).
"""

from .hoist import each_loop, entered_only_at_top
from .ir import Insn, Temp

SCALED = ("shl", "mul")


def _scale(x):
    return (1 << x.b) if x.alu == "shl" else x.b


def strength_reduce(fn):
    """Returns whether anything changed."""
    return each_loop(fn, lambda insns, head, tail: _reduce_loop(fn, insns, head, tail))


def _reduce_loop(fn, insns, head, tail):
    body = insns[head:tail + 1]
    if any(x.op in ("call", "fixed", "entry", "jr") for x in body):
        return None
    if not entered_only_at_top(insns, head, tail):
        return None
    inside_defs, all_defs, uses = {}, {}, {}
    for k, x in enumerate(insns):
        for t in x.defs():
            all_defs[t.id] = all_defs.get(t.id, 0) + 1
            if head <= k <= tail:
                inside_defs.setdefault(t.id, []).append(k)
        for t in x.uses():
            uses.setdefault(t.id, []).append(k)
    # Basic induction variables: i = i +/- c, their only definition inside.
    steps = {}
    for k in range(head, tail + 1):
        x = insns[k]
        if (x.op == "bin" and x.alu in ("add", "sub") and isinstance(x.b, int)
                and x.d is x.a and len(inside_defs.get(x.d.id, ())) == 1):
            steps[x.d.id] = (k, x.b if x.alu == "add" else -x.b)
    if not steps:
        return None

    def invariant(t):
        return isinstance(t, Temp) and t.id not in inside_defs

    chains = []                            # (scale insn index, add insn index, base, i, scale)
    for k in range(head, tail):
        x = insns[k]
        if not (x.op == "bin" and x.alu in SCALED and isinstance(x.b, int)
                and isinstance(x.a, Temp) and x.a.id in steps and all_defs.get(x.d.id) == 1
                and len(uses.get(x.d.id, ())) == 1 and 0 <= x.b < 32):
            continue
        j = uses[x.d.id][0]
        y = insns[j]
        if not (head <= j <= tail and y.op == "bin" and y.alu == "add" and all_defs.get(y.d.id) == 1):
            continue
        base = y.b if y.a is x.d else y.a
        if not invariant(base):
            continue
        if not _uses_in_block(insns, k, j, uses.get(y.d.id, ()), y.d, tail, steps[x.a.id][0]):
            continue
        chains.append((k, j, base, x.a, _scale(x)))
    if not chains:
        return None
    pre, after = [], {}
    dead = set()
    for k, j, base, i, scale in chains:
        y = insns[j]
        t, p = fn.temp(), fn.temp("p")
        pre.append(Insn("bin", d=t, a=i, b=insns[k].b, alu=insns[k].alu))
        pre.append(Insn("bin", d=p, a=base, b=t, alu="add"))
        step_at, step = steps[i.id]
        after.setdefault(step_at, []).append(Insn("bin", d=p, a=p, b=step * scale, alu="add"))
        for u in uses[y.d.id]:
            insns[u].base = p
        dead.update((k, j))
    out = []
    for k, x in enumerate(insns):
        if k == head:
            out.extend(pre)
        if k not in dead:
            out.append(x)
        out.extend(after.get(k, ()))
    return out


def _uses_in_block(insns, k, j, where, u, tail, step_at):
    """Is every use of u (defined at j from the scaled index made at k) a
    load/store base after j, with no label, jump or step of the induction
    variable from k to the last use (where p would differ from u)?"""
    if not where:
        return False
    end = j
    for w in where:
        if w <= j or w > tail:
            return False
        x = insns[w]
        if x.op not in ("load", "store") or x.base is not u or (x.op == "store" and x.a is u):
            return False
        end = max(end, w)
    if k < step_at <= end:
        return False
    return not any(insns[w].op in ("label", "jmp", "jr", "ret") for w in range(k + 1, end))
