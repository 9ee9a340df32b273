"""The loops a block (vm/blockgen.py) can run as a Python `for` over its
counter, found in the block's instructions: counted loops, which step a
counter and compare it with a bound in their last two instructions
(`counted_loop`), guarded loops, which step it first and leave by a side
exit that compares it (`guarded_loop`), and a step that may move to
just before the closing branch (`stepper_last`). How many iterations
such a loop runs is then worked out on entry (vm/counted.py: trips).
docs/engines.md, "Counted loops", shows what comes out.
"""

from .blockops import _reads, _signed, _written
from .isa import MASK


def counted_loop(insns, start):
    """(counter, bound, step, loop) if the loop insns (its last instruction
    branches back to start) is a counted loop (vm/counted.py): its last two
    instructions add a step to the counter and compare it with a bound,
    neither written anywhere else in it. The step is a constant (addi,
    subi) or a register the loop does not write (add, sub: sieve's `j +=
    i`), then given as ("r", n, sign): register n's value read as signed,
    times sign. loop is what the block passes to trips: (branch name,
    step, the counter is its first operand), its step a constant or the
    name the block gives the step it works out on entry (`step`).
    Else None."""
    if len(insns) < 2:
        return None
    stepper, branch = insns[-2], insns[-1]
    counter = stepper[1]
    if branch[6].kind != "branch" or branch[4] != start:
        return None
    found = _step(stepper, counter)
    if found is None:
        return None
    step, by = found
    operands = (branch[2], branch[3])
    if counter not in operands or operands[0] == operands[1]:
        return None
    bound = operands[1] if operands[0] == counter else operands[0]
    if not step or any(_written(d) in [counter, bound] + by for d in insns[:-2]):
        return None
    loop_step = "step" if by else step
    return counter, bound, step, (branch[6].name, loop_step, operands[0] == counter)


# a branch's condition negated (the table's: bge is not blt, and so on)
NEGATED = {"beq": "bne", "bne": "beq", "blt": "bge", "bge": "blt", "bltu": "bgeu", "bgeu": "bltu"}


def guarded_loop(insns, addrs, start):
    """(counter, bound, step, loop, guard) if the loop insns, not counted
    (its last two instructions are not the step and compare), starts by
    stepping a counter and leaves by a side exit that compares it with a
    bound: sieve's `for (i = 2; i < N; i++) { if (composite[i]) continue;
    ...}` is a block from `i++` round the `continue`, leaving at `i < N`
    (and elsewhere). The counter is written only by that first
    instruction, the step's register (if any) nowhere, the bound nowhere
    or only by an li before the compare (its constant, then: `bound` is
    ("k", value)). trips then finds how many iterations to run as for a
    counted loop, the branch going round being the side exit's way on
    (`loop` names it, negated if that is its fall-through). guard is (the
    side exit's index, where it leaves for). Else None."""
    if len(insns) < 3:
        return None
    stepper = insns[0]
    counter = stepper[1]
    found = _step(stepper, counter)
    if found is None:
        return None
    step, by = found
    for q in range(1, len(insns) - 1):
        d = insns[q]
        if d[6].kind == "branch" and counter in (d[2], d[3]) and d[2] != d[3]:
            break
    else:
        return None
    after = (addrs[q] + 8) & MASK
    if d[4] == after:
        return None                     # (goes on either way: no side exit)
    bound = d[3] if d[2] == counter else d[2]
    constant = None
    for j, e in enumerate(insns):
        written = _written(e)
        if j and written == counter or written in by:
            return None
        if written == bound and bound:
            if e[6].kind != "li" or j > q or constant not in (None, e[4]):
                return None
            constant = e[4]
    taken = addrs[q + 1] == d[4]
    name = d[6].name if taken else NEGATED[d[6].name]
    loop_step = "step" if by else step
    return (counter, bound if constant is None else ("k", constant), step,
            (name, loop_step, d[2] == counter), (q, after if taken else d[4]))


def _step(stepper, counter):
    """(step, [its register]) if stepper adds a step to counter: a constant
    (addi, subi) or a register (add, sub; then ("r", n, sign): register
    n's value read as signed, times sign). Else None."""
    name = stepper[6].name
    if not counter or stepper[1] != counter:
        return None
    if name in ("addi", "subi") and stepper[2] == counter:
        step = _signed(stepper[4]) if name == "addi" else -_signed(stepper[4])
        return (step, []) if step else None
    if name in ("add", "sub") and counter in (stepper[2], stepper[3]):
        # (add is commutative: add rc, rs, rc steps as well)
        by = stepper[3] if stepper[2] == counter else stepper[2]
        if name == "sub" and stepper[2] != counter or not by or by == counter:
            return None
        return ("r", by, 1 if name == "add" else -1), [by]
    return None


QUIET_KINDS = {"alu", "li", "mov", "nop"}       # (a div may trap: not quiet)


def stepper_last(trace):
    """The trace of a loop with its counter's step moved to just before the
    closing branch, where counted_loop looks for it, if it is elsewhere
    but may move there: matmul's inner loop steps its index and then a
    pointer (`addi s0, s0, 1; addi a4, a4, 4; blt s0, a5, loop`). It may
    if the instructions after it only compute (they cannot leave the
    block, so no exit sees the counter before its step) and neither read
    nor write the counter nor write what the step reads. Else the trace."""
    if len(trace) < 3 or trace[-1][0][6].kind != "branch":
        return trace
    compared = (trace[-1][0][2], trace[-1][0][3])
    for p in range(len(trace) - 2, -1, -1):
        d = trace[p][0]
        if d[6].kind not in QUIET_KINDS:
            return trace
        if d[1] and d[1] in compared:       # the last write to an operand of the branch
            break
    else:
        return trace
    counter = d[1]
    if (p == len(trace) - 2 or d[6].name not in ("addi", "subi", "add", "sub")
            or counter not in (d[2], d[3])):
        return trace
    stepper = trace[p][0]
    for d, _ in trace[p + 1:-1]:
        if counter in _reads(d) or _written(d) in _reads(stepper):
            return trace
    return trace[:p] + trace[p + 1:-1] + [trace[p], trace[-1]]
