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


def address_taken(fn):
    """ids of the Slots whose address some instruction uses (the others no
    pointer can reach)."""
    used = {t.id for x in fn.insns for t in x.uses()}
    return {id(x.base) for x in fn.insns
            if x.op == "addr" and isinstance(x.base, Slot) and x.d.id in used}


def jump_targets(insns):
    """Labels some jump can reach (the others, kept for debug scopes, are
    passed only by falling through: they do not end straight-line code)."""
    out = set()
    for x in insns:
        if x.op in ("jmp", "br"):
            out.add(x.label)
        elif x.op == "jr":
            out.update(x.targets)
    return out


def forward_loads(fn):
    known = {}                    # (base, off, size, signed) -> Temp holding the value
    targets = jump_targets(fn.insns)
    taken = address_taken(fn)
    for insn in fn.insns:
        op = insn.op
        if op == "label" and insn.label not in targets:
            continue
        if op in ("label", "call", "fixed", "entry"):
            known.clear()
            continue
        if op == "store":
            _store(known, insn, taken)
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


def _store(known, insn, taken):
    base = insn.base
    if base == "sp":
        return                    # outgoing arguments: never loaded back
    if isinstance(base, (Slot, str)):
        # What overlaps the bytes stored in the slot or global, and anything
        # read through a pointer (which might point there).
        drop = [k for k in known if isinstance(k[0], Temp)
                or (k[0] is base or isinstance(base, str) and k[0] == base)
                and _overlap(k[1], k[2], insn.off, insn.size)]
    else:                         # a store through a pointer may hit anything else
        drop = [k for k in known if not isinstance(k[0], Slot) or id(k[0]) in taken]
    for k in drop:
        del known[k]
    if insn.size == 4 and isinstance(insn.a, Temp) and not insn.volatile:
        known[_key(insn)] = insn.a


def _overlap(off1, size1, off2, size2):
    if not (isinstance(off1, int) and isinstance(off2, int)):
        return True
    return off1 < off2 + size2 and off2 < off1 + size1


def dead_slot_stores(fn):
    """A frame slot whose address is never taken and that is never loaded
    from (every load was forwarded) is not needed: its stores and the slot
    go (debug info then says the variable was optimised away)."""
    taken = address_taken(fn)
    loaded = {id(x.base) for x in fn.insns if x.op == "load" and isinstance(x.base, Slot)}
    dead = {id(s) for s in fn.slots if not s.fixed and id(s) not in taken and id(s) not in loaded}
    if not dead:
        return
    fn.insns = [x for x in fn.insns
                if not (x.op == "store" and isinstance(x.base, Slot) and id(x.base) in dead
                        and not x.volatile)]
    kept = {id(x.base) for x in fn.insns if x.op == "store" and isinstance(x.base, Slot)}
    fn.slots = [s for s in fn.slots if id(s) not in dead or id(s) in kept]


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
