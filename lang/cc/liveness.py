"""Liveness of temps and their live intervals over the flat instruction list.

Positions: instruction i reads its operands at 2*i and writes its results at
2*i+1, so a temp whose last use is instruction i and a temp defined by i can
share a register. A temp's interval is [first position, last position]
where it is live; holes are ignored (linear scan on whole intervals).
"""

from .ir import Temp


def split_blocks(insns):
    """Basic blocks as (start, end) instruction index ranges, end inclusive."""
    starts = {0}
    for i, insn in enumerate(insns):
        if insn.op == "label":
            starts.add(i)
        elif insn.is_jump() and i + 1 < len(insns):
            starts.add(i + 1)
    order = sorted(s for s in starts if s < len(insns))
    return [(s, (order[k + 1] - 1) if k + 1 < len(order) else len(insns) - 1)
            for k, s in enumerate(order)]


def _successors(insns, blocks):
    where = {}
    for b, (s, _) in enumerate(blocks):
        if insns[s].op == "label":
            where[insns[s].label] = b
    succ = []
    for b, (s, e) in enumerate(blocks):
        last = insns[e]
        out = []
        if last.op == "jmp":
            out = [where[last.label]]
        elif last.op == "br":
            out = [where[last.label]] + ([b + 1] if b + 1 < len(blocks) else [])
        elif last.op == "jr":
            out = [where[t] for t in last.targets]
        elif last.op != "ret" and b + 1 < len(blocks):
            out = [b + 1]
        succ.append(out)
    return succ


def live_sets(insns, blocks):
    """live_in and live_out (sets of temp ids) of every block."""
    succ = _successors(insns, blocks)
    gen, kill = [], []
    for s, e in blocks:
        g, k = set(), set()
        for insn in insns[s:e + 1]:
            for t in insn.uses():
                if t.id not in k:
                    g.add(t.id)
            for t in insn.defs():
                k.add(t.id)
        gen.append(g)
        kill.append(k)
    n = len(blocks)
    live_in = [set() for _ in range(n)]
    live_out = [set() for _ in range(n)]
    changed = True
    while changed:
        changed = False
        for b in range(n - 1, -1, -1):
            out = set()
            for sb in succ[b]:
                out |= live_in[sb]
            new_in = gen[b] | (out - kill[b])
            if len(new_in) != len(live_in[b]) or len(out) != len(live_out[b]):
                live_in[b], live_out[b] = new_in, out
                changed = True
    return live_in, live_out


def intervals(insns):
    """temp id -> [start, end, Temp] over the positions described above."""
    blocks = split_blocks(insns)
    if not blocks:
        return {}
    live_in, live_out = live_sets(insns, blocks)
    iv = {}
    temps = {}

    def touch(tid, pos):
        r = iv.get(tid)
        if r is None:
            iv[tid] = [pos, pos]
        elif pos < r[0]:
            r[0] = pos
        elif pos > r[1]:
            r[1] = pos

    for b, (s, e) in enumerate(blocks):
        for tid in live_in[b]:
            touch(tid, 2 * s)
        for tid in live_out[b]:
            touch(tid, 2 * e + 1)
        for i in range(s, e + 1):
            insn = insns[i]
            for t in insn.uses():
                temps[t.id] = t
                touch(t.id, 2 * i)
            for t in insn.defs():
                temps[t.id] = t
                touch(t.id, 2 * i + 1)
    return {tid: [r[0], r[1], temps[tid]] for tid, r in iv.items()}


def is_temp(x):
    return isinstance(x, Temp)
