"""Regions of the fast engine: blocks that go to one another, compiled as
one Python function, so that control passing between them stays inside it.

A loop nest is the example: the inner loop is one block (it loops inside
its function), the code after it that goes round the outer loop and back
into the inner one is another. Each alone, every pass of the outer loop
leaves a function and enters another: the registers written back and
loaded again, the counts added, the dispatcher asked (vm/fast.py: _run).
A region holds both: a state machine (`while True: if go == 0: ... elif
go == 1: ...`) whose members are the blocks' own code (vm/blockgen.py:
Writer.code), so each member is exactly the block it was made from.

Where a member leaves for `nxt`, it adds its counts (as the block would)
and, if nxt is the start of a member (MEMBER) that the cycle limit lets
run whole (`c.cycles + PRE_LAST[go] < c.limit`: the test run_slice makes
before calling a block), goes on there; else it writes the registers back
and returns, as the block would. Registers a member may leave outside 32
bits are masked before another starts (each assumes its registers exact
on entry). Nothing a member runs changes the TLB, the quick maps, the
ring or the limit (REGION_KINDS: no system instruction; a load or store
that misses leaves the region before it), so the pages checked on entry
stay valid throughout, and a member entered inside the region runs
exactly as the block would have if the dispatcher had called it.

vm/fast.py grows a region when it translates a block (_region): the
translated blocks its exits (EXITS: `exits`) lead to, and theirs, while
one of them leads back to the first (a cycle: else control would pass
through once and leave).
"""

import re

from .blockgen import COUNTS_OUT, Writer, writeback
from .isa import MASK

# Blocks in one region. A region is compiled again each time it grows,
# so a larger one costs more translating than its saved block calls give
# back in a short run (callgrind, host instructions of one run of
# bench/mips.py's workload, M, with 3 / 4 / 5 / 6 / 10 members: qsort
# 1707 / 1725 / 1745 / 1756 / 1758; fib 1321 / 1169 / 1174 / 1174 / 1175,
# its recursion needs 4; the others and a first boot within 0.5%).
MAX_MEMBERS = 4
# What a member may contain: no system instruction (those may change the
# ring, the limit or the maps, or trap as a matter of course).
REGION_KINDS = {"alu", "div", "li", "mov", "nop", "load", "store", "swap",
                "branch", "jmp", "call", "jr", "callr", "bcopy", "bfill"}
# (no \b before nxt: the only name ending so is nxt, and a pattern that
# starts with a word boundary is searched for ~80 times slower)
_EXIT = re.compile(r"nxt = (\d+)")
# where a member leaves for a constant address: the member that starts
# there, if any (Writer.to)
_EXIT_TO = re.compile(r"@(\d+)@")


def exits(trace, source):
    """Where a block (or a region) of this trace may leave for, read from
    its source: the constant addresses of its exits (nxt = ...); None if it
    may not be in a region (its code holds a system instruction). Worked
    out when it is compiled, kept with it (EXITS)."""
    if not all(d[6].kind in REGION_KINDS for d, _ in trace):
        return None
    return (tuple(int(t) for t in _EXIT.findall(source)) + recursive_returns(trace)
            + returns_after_exits(trace))


def recursive_returns(trace):
    """The return sites of the recursive calls of a trace: calls to its own
    start, or to a place it calls more than once (fib(n - 1) + fib(n - 2)).
    A return from the callee comes back there, from a block the region may
    hold: in a region the recursion goes on without leaving it."""
    calls = [(d[4], v) for d, v in trace if d[6].kind == "call"]
    targets = [t for t, _ in calls]
    start = trace[0][-1]
    return tuple((v + 8) & MASK for t, v in calls if t == start or targets.count(t) > 1)


def returns_after_exits(trace):
    """The return sites of calls the trace made and had not returned from
    where a branch may leave it (a side exit inside the callee): the block
    it leaves for goes on in the callee, and returns there (uvmcreate's
    loop over the slots, leaving inside user_slot: its return site leads
    back round the loop). No exit names that site (a return's target is
    in lr), so without it no region forms. Only the sites of calls the
    trace returns from: the way it mostly goes passes there too (printf's
    loop in primes leaves inside putchar's call for its device store every
    time, and never comes back to the site inside a region: naming it made
    a region that cost primes 1.5% more host instructions)."""
    pending, sites, returned = [], [], set()
    for d, v in trace:
        kind = d[6].kind
        if kind == "call":
            pending.append((v + 8) & MASK)
        elif kind == "jr" and pending:
            returned.add(pending.pop())
        elif kind == "branch" and pending and pending[-1] not in sites:
            sites.append(pending[-1])
    return tuple(site for site in sites if site in returned)


def _tables(line, j):
    """line with the tables of a block (PREFIX, DATA_PREFIX, ADDRS) named as
    member j's."""
    return line.replace("PREFIX[", f"PREFIX{j}[").replace("ADDRS[", f"ADDRS{j}[")


# leaving for nxt: on in the member that starts there (go, set where it
# left: see Writer.to), if it fits
ONWARD = ["    MASKED",
          "    if cy + PRE_LAST[go] < lim:",
          "        continue",
          "    break"]
# Each member's code, made once per trace: a region is made again each time
# it grows, and a trace may be a member of several (qsort: 15 members in 4
# regions, of 9 traces). (paging, first, instructions) -> (Writer, its
# lines indented as in a region, {line: instruction} of its accesses); a
# member's tables and the numbers of the members it goes to are put in as
# the region is joined (_tables, _EXIT_TO).
_MEMBERS = {}
MEMBERS_KEPT = 4096     # (then it starts over: translation bounds it, not exactness)


def forget_members():
    """Forget every member's kept code, as a new process starts (a
    benchmark's runs each translate from nothing: bench/workloads.py)."""
    _MEMBERS.clear()


def _member(trace, paging, first):
    """(writer, lines, accesses) of a trace as a member of a region: the
    first one entered or a later one."""
    key = (paging, first, tuple((d[6].name, d[1], d[2], d[3], d[4], v) for d, v in trace))
    made = _MEMBERS.get(key)
    if made is None:
        w = Writer(trace, paging)
        # A member that cannot run its first instruction says "nothing ran,
        # step it instead" (True) only as the first: the dispatcher then
        # looks at the region's start. A later one has written back and set
        # c.pc, and answers False: the dispatcher goes on from c.pc.
        w.region = True
        w.nothing_ran = "" if first else "False"
        lines, accesses = w.code(ONWARD)
        # (known once its code is made) what this member may leave unmasked
        # (none: no line; the lines that may be are after every access's)
        masked = "; ".join(f"r{r} = r{r} & {MASK}" for r in sorted(w.out_unmasked()))
        lines = [line.replace("MASKED", masked) for line in lines if masked or line.strip() != "MASKED"]
        if len(_MEMBERS) >= MEMBERS_KEPT:
            forget_members()
        made = _MEMBERS[key] = (w, ["        " + line for line in lines], accesses)
    return made


def region_source(traces, paging, extra_pages):
    """(source, pre_last, constants) of the region of these traces, the
    first entered first; extra_pages: how many pages besides the first
    one's it spans (checked on entry, as a block checks its own)."""
    members = [_member(trace, paging, j == 0) for j, trace in enumerate(traces)]
    writers = [w for w, _, _ in members]
    read = set().union(*(w.read | w.written for w in writers))
    head = ["def block(c, R, QR, QW):"]
    if extra_pages and paging:          # (paging off: every page is where it was)
        head.append("    QX = c.tlb.quick[2]")
        for j in range(extra_pages):
            head += [f"    if QX.get(EP{j}) != EO{j}:", "        return True"]
    if read:
        head.append("    " + "; ".join(f"r{r} = R[{r}]" for r in sorted(read)))
    head += ["    cy = c.cycles; ni = c.instructions; th = c.tlb_hits; lim = c.limit",
             "    go = 0; ran = None", "    while True:"]
    lines, line_at = head, {}
    for j, (_, member, accesses) in enumerate(members):
        # (go is a member's number here: the last needs no test)
        test = "else" if j == len(members) - 1 else f"{'if' if j == 0 else 'elif'} go == {j}"
        lines.append(f"        {test}:")
        line_at.update({len(lines) + at + 1: i for at, i in accesses.items()})
        lines += [_tables(line, j) for line in member]
    # every way out (Writer.leave) comes here with nxt set, its registers masked
    lines += ["    WRITEOUT", "    c.pc = nxt", "    " + COUNTS_OUT, "    return ran"]
    member = {w.start: j for j, w in enumerate(writers)}
    text = _EXIT_TO.sub(lambda m: str(member.get(int(m[1]), -1)), "\n".join(lines) + "\n")
    text = writeback(text, set().union(*(w.written for w in writers)),
                     set().union(*(w.ever_unmasked for w in writers)), set())
    # (go -1: nxt starts no member; its limit test always fails)
    constants = {"LINE_AT": line_at, "MEMBER": member,
                 "PRE_LAST": tuple(w.prefix[w.k - 1] for w in writers) + (float("inf"),),
                 "EXITS": exits(traces[0], text)}
    for j, w in enumerate(writers):
        constants |= {f"PREFIX{j}": tuple(w.prefix), f"DATA_PREFIX{j}": tuple(w.data_prefix),
                      f"ADDRS{j}": tuple(w.addrs)}
    return text, writers[0].prefix[writers[0].k - 1], constants
