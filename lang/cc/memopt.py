"""-O1: redundant loads and post-increment addressing, within straight-line code.

forward_loads: a load from an address whose value a temp still holds (it
was just stored there or loaded from there) becomes a move. "Straight-line"
is an extended basic block: everything from a label to the next label, so
the code after a conditional branch (which only that branch's fall-through
reaches) keeps what was known before it.

fold_post_increments: `*p++` lowers to "old = p; p = p + 1; load 0(old)";
the access can use the new p with offset -1 instead, and the copy goes.
"""

from .ir import Slot, Temp


def _key(insn):
    # Every 4-byte load is `lw`, whatever the C signedness.
    return (insn.base, insn.off, insn.size, insn.signed if insn.size < 4 else None)


def forward_loads(fn):
    known = {}                    # (base, off, size, signed) -> Temp holding the value
    for insn in fn.insns:
        op = insn.op
        if op in ("label", "call", "fixed", "entry"):
            known.clear()
            continue
        if op == "store":
            _store(known, insn)
            continue
        if op == "load" and not insn.volatile:
            held = known.get(_key(insn))
            if held is not None:
                insn.op, insn.a = "mov", held
            else:
                _forget_temp(known, insn.d)
                known[_key(insn)] = insn.d
                continue
        for t in insn.defs():
            _forget_temp(known, t)


def _store(known, insn):
    base = insn.base
    if base == "sp":
        return                    # outgoing arguments: never loaded back
    if isinstance(base, Slot):
        # The slot itself, and anything read through a pointer (which might
        # point into the slot if its address was taken).
        drop = [k for k in known if k[0] is base or isinstance(k[0], Temp)]
    elif isinstance(base, str):
        drop = [k for k in known if k[0] == base or isinstance(k[0], Temp)]
    else:
        drop = list(known)        # a store through a pointer may hit anything
    for k in drop:
        del known[k]
    if insn.size == 4 and isinstance(insn.a, Temp) and not insn.volatile:
        known[_key(insn)] = insn.a


def _forget_temp(known, t):
    for k in [k for k, v in known.items() if v is t or k[0] is t]:
        del known[k]


def fold_post_increments(fn):
    insns = fn.insns
    uses = {}
    for insn in insns:
        for t in insn.uses():
            uses[t.id] = uses.get(t.id, 0) + 1
    dead = set()
    for i in range(len(insns) - 1):
        mov, inc = insns[i], insns[i + 1]
        if not (mov.op == "mov" and isinstance(mov.a, Temp) and inc.op == "bin"
                and inc.alu in ("add", "sub") and isinstance(inc.b, int)
                and inc.a is mov.a and inc.d is mov.a and mov.d is not mov.a):
            continue
        old, var = mov.d, mov.a
        step = inc.b if inc.alu == "add" else -inc.b
        rewritten = []
        for j in range(i + 2, len(insns)):
            x = insns[j]
            if x.op == "label" or x.is_jump() and x.op != "br":
                break
            if x.op in ("load", "store") and x.base is old and isinstance(x.off, int) \
                    and not (x.op == "store" and x.a is old):
                rewritten.append(x)
            elif old in x.uses():
                break
            if var in x.defs() or old in x.defs():
                break
        if rewritten and len(rewritten) == uses.get(old.id):
            for x in rewritten:
                x.base, x.off = var, x.off - step
            dead.add(i)
    if dead:
        fn.insns = [x for k, x in enumerate(insns) if k not in dead]
