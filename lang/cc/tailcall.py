"""-O1: a function that ends by calling itself loops instead (docs/optimizer.md).

    return f(a, b);   /  f(a, b); return;     (in f, as its last action)

becomes "parameters = (a, b); goto the top of the body": no call, no second
frame, no epilogue. Only when the parameters all arrive in registers and
live in temps, and nothing of the function lives in its frame (a pointer
passed to the call could point into the frame the loop reuses).
"""

from .ir import Insn


def _after(insns, i):
    """The first instruction after i that is not a label, loc or a jump
    to a label whose code is, followed through."""
    where = {x.label: k for k, x in enumerate(insns) if x.op == "label"}
    seen = set()
    j = i + 1
    while j < len(insns):
        x = insns[j]
        if x.op in ("label", "loc"):
            j += 1
        elif x.op == "jmp" and x.label not in seen:
            seen.add(x.label)
            j = where[x.label] + 1
        else:
            return x
    return None


def self_tail_calls(fn, body_label):
    insns = fn.insns
    if fn.slots or fn.variadic or getattr(fn, "outgoing", 0):
        return
    entry = next((x for x in insns if x.op == "entry"), None)
    if entry is None or len(entry.pairs) > 6:
        return
    params = [t for t, _ in entry.pairs]
    if [r for _, r in entry.pairs] != list(range(1, len(params) + 1)):
        return
    found = []
    for i, x in enumerate(insns):
        if x.op == "call" and x.fn == fn.name and len(x.args) == len(params):
            nxt = _after(insns, i)
            if nxt is not None and nxt.op == "ret" and (nxt.a is None or nxt.a is x.d):
                found.append(i)
    if not found:
        return
    top = f".Ltail.{fn.name}"
    for i in reversed(found):
        # A parallel assignment: every argument is read before any parameter
        # changes (an argument that is its own parameter needs nothing).
        pairs = [(p, a) for p, a in zip(params, insns[i].args) if a is not p]
        fresh = [fn.temp() for _ in pairs]
        moves = [Insn("mov", d=t, a=a) if not isinstance(a, int) else Insn("li", d=t, imm=a)
                 for t, (_, a) in zip(fresh, pairs)]
        moves += [Insn("mov", d=p, a=t) for t, (p, _) in zip(fresh, pairs)]
        insns[i:i + 1] = moves + [Insn("jmp", label=top)]
    k = next(k for k, x in enumerate(insns) if x.op == "label" and x.label == body_label)
    insns.insert(k + 1, Insn("label", label=top))
