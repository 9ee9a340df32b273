"""Counted loops in the fast engine: a loop whose last two instructions are

    addi rc, rc, step          (or subi; or add rc, rc, rs / sub rc, rc, rs)
    b<cond> rc, rb, start      (or b<cond> rb, rc, start)

with rc and rb (and rs) written nowhere else in it. A step in a register
(sieve's `for (j = i + i; j < N; j += i)`) is read on entry, as signed. How many iterations it runs is
then known when it is entered, so the block (vm/blockgen.py) runs them as
`for rc in range(...)`: no increment, mask or compare per iteration.

vm/loops.py finds such loops (counted_loop); `trips`, here, which the
block calls as it starts, finds that number with the branch's own semantics (the table's),
read only where they are simple: while the counter stays inside one
window its values are plain increasing (or decreasing) integers, and
every branch condition but `bne` holds for a prefix of them and then not
(or the reverse), so two ends and where the counter passes the bound
(worked out, checked; else a bisection) find where it changes.
Where the counter would leave the window, the block stops at the edge and
goes round again from there; if not even one step fits, it runs nothing
and the reference runs that iteration.
"""

from .isa import BRANCH_OPS, MASK
from .interp import SEM_GLOBALS

SIGN = 1 << 31
# the branch conditions as functions of (a, b), made from the table
TAKEN = {name: eval(f"lambda a, b: {sem}", dict(SEM_GLOBALS)) for name, sem, _ in BRANCH_OPS}
SIGNED = {name for name, sem, _ in BRANCH_OPS if "s(" in sem}
# the branches that compare a with b by order ("<" or ">="), read from the
# table: `a < b`, `s(a) >= s(b)`
ORDERED = {name: sem.split()[1] for name, sem, _ in BRANCH_OPS
           if sem.split()[1] in ("<", ">=") and sem.split()[0] in ("a", "s(a)")}


def trips(v, bound, iters, loop):
    """How many iterations of a counted loop to run now, its counter being
    v at the head of the first, and whether the branch of the last of them
    falls through (leaves the loop): (n, leaves). At most iters; n = 0 if
    not one can be run this way. loop is (branch name, step, whether the
    counter is the branch's first operand)."""
    name, step, counter_first = loop
    if not step:                        # (a step in a register may be zero)
        return 0, False
    # the window the counter stays in: one sign for a signed compare, else all 32 bits
    low = v & SIGN if name in SIGNED else 0
    high = low + SIGN if name in SIGNED else MASK + 1
    room = (high - 1 - v) // step if step > 0 else (v - low) // -step
    n = min(iters, room)
    if n <= 0:
        return 0, False
    if name == "bne":
        # goes round until the counter equals bound, if it ever does in the window
        distance = bound - v
        if distance % step == 0 and 0 <= distance // step - 1 < n:
            return distance // step, True
        return n, False
    if name in ORDERED:
        return _ordered(v, bound, n, name, step, counter_first)
    taken = TAKEN[name]

    def again(i):
        """Whether the branch of iteration i goes round again."""
        counter = v + (i + 1) * step
        return taken(counter, bound) if counter_first else taken(bound, counter)

    if not again(0):
        return 1, True
    if again(n - 1):
        return n, False
    # Within the window the counter, read in the compare's order (flipped
    # for a signed one), moves by step per iteration: where it passes the
    # bound is worked out and checked (the branch's own semantics decide);
    # a bisection is ten times as many calls of again.
    flip = SIGN if name in SIGNED else 0
    guess = ((bound ^ flip) - (v ^ flip)) // step - 1
    for m in (guess, guess + 1, guess - 1):
        if 0 < m < n and not again(m) and again(m - 1):
            return m + 1, True
    yes, no = 0, n - 1                  # again(yes), not again(no): find where it changes
    while no - yes > 1:
        middle = (yes + no) // 2
        if again(middle):
            yes = middle
        else:
            no = middle
    return no + 1, True


def _ordered(v, bound, n, name, step, counter_first):
    """trips for a branch that compares by order, worked out: at most n
    iterations, the counter staying in its window throughout. There the
    counter, read in the compare's order (flipped for a signed one), is
    f(i) = key + (i + 1) * step at the branch of iteration i, and the
    branch goes round while f(i) < limit (or while f(i) >= limit): true
    for a prefix of the iterations, or from none of them on. (A function
    call per iteration tested, as the bisection below does, cost more
    than a short loop's iterations gain: matmul's inner loop runs 14.)"""
    flip = SIGN if name in SIGNED else 0
    key, limit = v ^ flip, bound ^ flip
    below = ORDERED[name] == "<"
    if not counter_first:               # bound < f  is  f >= bound + 1; bound >= f  is  f < bound + 1
        below, limit = not below, limit + 1
    if below:                           # round while f(i) < limit: until the first i where not
        if step > 0:
            last = max(0, -((key - limit) // step) - 1)
        else:
            last = 0 if key + step >= limit else n
    elif step < 0:                      # round while f(i) >= limit
        last = max(0, (key - limit) // -step)
    else:
        last = 0 if key + step < limit else n
    if last < n:
        return last + 1, True
    return n, False


def trips_source(c, b, loop, call):
    """Lines (indented as a block's body) that set runs and leaves as
    trips(c, b, iters, loop) would, for a branch that compares by order:
    _ordered written out for this loop's branch, step and operand order,
    so that entering a counted loop costs a few operations instead of a
    call (about a microsecond: more than a short loop's iterations save).
    A step in a register (loop's step is then its name) is written out
    for a positive value, with `call` (the line that calls trips) for
    the rest. None for other branches. c and b are the counter's and the
    bound's names (or constants). runs <= 0: not one iteration."""
    name, step, counter_first = loop
    if name not in ORDERED or not step:
        return None
    if isinstance(step, str):
        return (["    if step > 0:"] + ["    " + line for line in _written_out(c, b, name, step, counter_first)]
                + ["    else:", "    " + call])
    return _written_out(c, b, name, step, counter_first)


def _written_out(c, b, name, step, counter_first):
    """trips_source's lines for a constant step, or a positive one named."""
    signed = name in SIGNED
    up = not isinstance(step, int) or step > 0

    def per(x, by):
        return x if by == 1 else f"({x}) // {by}"

    # iterations that keep the counter in its window (see trips)
    if up:
        room = per(f"({c} & {SIGN}) + {SIGN - 1} - {c}" if signed else f"{MASK} - {c}", step)
    else:
        room = per(f"{c} - ({c} & {SIGN})" if signed else c, -step)
    key = f"({c} ^ {SIGN})" if signed else c
    limit = f"({b} ^ {SIGN})" if signed else b
    below = ORDERED[name] == "<"
    if not counter_first:
        below, limit = not below, f"({limit} + 1)"
    clamp = True
    if below and up:
        last = f"-(({key} - {limit}) // {step}) - 1" if step != 1 else f"{limit} - {key} - 1"
    elif below:
        last, clamp = f"0 if {key} - {-step} >= {limit} else room", False
    elif not up:
        last = per(f"{key} - {limit}", -step)
    else:
        last, clamp = f"0 if {key} + {step} < {limit} else room", False
    return [f"    room = {room}",
            "    if iters < room: room = iters",
            f"    last = {last}"] + (["    if last < 0: last = 0"] if clamp else []) + [
            "    if last < room: runs = last + 1; leaves = True",
            "    else: runs = room; leaves = False"]
