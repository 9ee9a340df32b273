"""The fast engine: traces of instructions ("blocks") translated into
Python functions, with the same semantics and counters as vm/interp.py.
docs/engines.md says how the pieces fit; in short:

- Code is interpreted (reference handlers, a straight run at a time) until
  an address has started HOT_RUNS runs (HOT_RUNS_AHEAD in a run made to
  fill the code cache, as a build's quiet boot is), or at once if the code
  cache (vm/codecache.py) already holds a translation of exactly that code.
  From its REPLAY_RUNS-th run on, the path from there is pre-decoded and
  replayed instead (vm/replay.py: the first tier).
- A block follows jumps, calls, returns to its own calls and each branch
  the way it mostly went; going the other way leaves it (a side exit).
  Registers live in local variables; a block whose last instruction goes
  back to its start loops inside its function while the cycle limit allows.
- The TLB's `blocks` map takes a pc straight to its block while the page
  is in the quick execute map; a block made across pages checks its other
  pages on entry.

Exactness, cheaply:
- A block runs only if the reference would run all of it: cycles plus the
  cost of every instruction but the last is below the limit. Otherwise the
  code is interpreted.
- Instruction, cycle and TLB-hit counts along each exit are known when the
  block is translated; they are added when it exits.
- Loads and stores index the TLB's quick maps directly. A miss (a TLB miss,
  a device, a write to code, a fault) leaves the block before that
  instruction, and the reference runs it, so TLB changes, device effects
  and self-modifying code are seen exactly as the reference sees them.
- A trap inside a block writes back the registers and the counts of the
  instructions before the faulting one, then lets the shared trap code run.
- Pages whose code is rewritten again and again are not translated any more.
"""

from operator import length_hint

from .codecache import CACHE
from .counted import trips
from .core import STORED_CSRS, TIMED_CSRS
from .interp import SEM_GLOBALS, decode_at, finish_trap, op_iret
from .isa import ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, CAUSE, LR, MASK, PTE_D
from .mmu import FETCH_KEY, PAGE_KEY, TLB_ENTRIES, WORD_KEY, Trap
from .replay import REPLAY_RUNS, build as build_run
from .signed import SIGNED_BYTE
from .tracepages import TracePages

MAX_BLOCK = 48          # instructions per block
MAX_BLOCKS = 20000      # translated blocks kept before the cache starts over
HOT_REWRITES = 8        # code rewrites of a page after which it is interpreted
REGION_SEARCH = 24      # blocks _may_return looks at before it says a region may form
HOT_RUNS = 128          # runs of an address before its block is translated (measured: docs/engines.md)
HOT_RUNS_AHEAD = 16     # the same in a run made to fill the code cache for later ones
                        # (Machine.translate_sooner): translating is paid once there
STRAIGHT_RUNS = 384     # the same for a kernel's code whose replayed run does not loop (_pays)

BODY_KINDS = {"alu", "div", "li", "mov", "load", "store", "swap", "nop", "cli", "sti", "csrr", "csrw"}
# What the long way may run several of in a row: instructions after which
# the next pc is pc + 8 and nothing needs the dispatcher to look.
STRAIGHT = {"alu", "div", "li", "mov", "load", "store", "nop"}


class Block:
    """A translated block, or (fn None) cold code: not yet run HOT_RUNS
    times (`heat` counts the runs left), interpreted meanwhile. fn(core, regs,
    read map, write map) returns True if it could not run even its first
    instruction."""
    __slots__ = ("fn", "vaddr", "paging", "pre_last", "source", "heat", "trace", "exits", "run", "waited")

    def __init__(self, fn, vaddr, paging, pre_last, source, heat=None, trace=None):
        self.heat = heat
        self.run = None                 # cold code: its straight run, pre-decoded (vm/replay.py)
        self.waited = False             # cold code whose translation _pays put off
        self.trace = trace              # what it was made from: a region may take it (_region)
        self.exits = None               # where it may leave for, if it may be in a region
        self.fn = fn
        self.vaddr = vaddr              # the code is translated for this pc ...
        self.paging = paging            # ... and this paging mode
        self.pre_last = pre_last        # cycles of all instructions but the last
        self.source = source


def _trace(mem, pages, vaddr, maps):
    """The (decoded, vaddr) instructions of the block at vaddr: on through
    each branch the way it mostly went while interpreted (mem.branches),
    into the targets of jumps and calls, and back from a call to after it
    (a guard checks lr), while the pages are mapped, until something ends
    it. It also ends before a load or store at a constant address (base
    register zero) that the quick map of its access (maps: read, write)
    lacks now: a device register, which would make the block leave there
    through a miss every time."""
    from .blockgen import BLOCK_KINDS, END_KINDS, LAST_KINDS, note_constants   # imported when first needed
    trace, seen, returns = [], set(), []
    known = {0: 0}                      # registers the trace set with li (blockgen.note_constants)
    v = vaddr
    while len(trace) < MAX_BLOCK and v not in seen:
        p = pages.physical(v)
        d = None if p is None else _decoded(mem, p)
        if d is None:
            break                       # unmapped, or illegal: the reference path sees to it
        kind = d[6].kind
        if ((kind not in BODY_KINDS and kind not in END_KINDS and kind not in LAST_KINDS)
                or (kind == "csrr" and d[4] in TIMED_CSRS) or (kind == "csrw" and d[4] not in STORED_CSRS)):
            break
        if kind in ("load", "store") and not d[2]:
            access = maps[kind == "store"]
            if access.get(d[4] & (PAGE_KEY if d[6].sem != "4" else WORD_KEY)) is None:
                break
        trace.append((d, v))
        seen.add(v)
        if kind in LAST_KINDS and not (kind in BLOCK_KINDS and d[3] in known):
            break                       # (a bcopy or bfill of a length set with li may go on)
        note_constants(known, d)
        if kind == "jr" and d[2] == LR and returns:
            v = returns.pop()           # the call in this trace is where it returns
            continue
        if kind in ("jr", "callr") or (kind in END_KINDS and d[4] == vaddr):
            break                       # a computed target, or a loop to the start
        if kind == "call":
            returns.append((v + 8) & MASK)
        if kind in ("jmp", "call") or (kind == "branch" and mem.branches.get(p, 0) > 0):
            v = d[4]
        else:
            v = (v + 8) & MASK
    return trace


def translate(core, paddr, vaddr, known_only=False, alone=False):
    """The Block for the code at paddr (executing at vaddr). Where nothing
    can be translated (a system instruction, a page whose code keeps being
    rewritten) its function runs the code the reference way. known_only:
    only if the code cache holds a translation of exactly the code there
    (else None). alone: the block only, not a region it may start (a
    member _region takes)."""
    mem = core.mem
    paging = bool(core.paging)
    quick = core.tlb.quick[ACCESS_EXEC] if paging else None
    if known_only:
        entry, pages, key = _known(mem, quick, paddr, vaddr, paging)
        if entry is None:
            return None
        trace = key[1]                  # (decoded only if a region takes it: _steps)
    else:
        pages = TracePages(mem, quick, paddr, vaddr)
        maps = (core.tlb.quick[ACCESS_READ], core.tlb.quick[ACCESS_WRITE]) if paging else mem.quick
        trace = _trace(mem, pages, vaddr, maps) if mem.rewrites.get(paddr >> 12, 0) < HOT_REWRITES else []
        if not trace:
            return _remember(mem, paddr, Block(_by_reference, vaddr, paging, 0, ""), ())
        pages.keep_only(trace)
        entry = _compiled(mem, pages, trace, paging)
    block = _made(mem, entry, pages, paddr, vaddr, paging, trace)
    return block if alone else _region(core, block, paddr) or block


def _made(mem, entry, pages, paddr, vaddr, paging, trace):
    """The Block of a compiled entry (code, source, pre_last, constants),
    remembered for paddr and the pages it spans."""
    code, source, pre_last, constants = entry
    extra = pages.extra(vaddr)
    namespace = dict(SEM_GLOBALS)
    namespace.update(constants, W=mem.words, RAM=mem.ram, SB=SIGNED_BYTE, trips=trips, IRET=_iret,
                     SYSCALL=_syscall)
    for j, (page, offset) in enumerate(extra):
        namespace[f"EP{j}"], namespace[f"EO{j}"] = page, offset
    exec(code, namespace)
    block = Block(namespace["block"], vaddr, paging, pre_last, source, trace=trace)
    block.exits = constants.get("EXITS")
    return _remember(mem, paddr, block, [(page + offset) >> 12 for page, offset in extra])


def _region(core, block, paddr):
    """A region (vm/region.py) entered at block: it and the translated
    blocks its exits lead to, and theirs, if one leads back to it. None if
    there is no such cycle."""
    if not block.exits:
        return None                     # (None: it may not be in one)
    mem, vaddr, paging = core.mem, block.vaddr, block.paging
    pages = TracePages(mem, core.tlb.quick[ACCESS_EXEC] if paging else None, paddr, vaddr)
    if not _may_return(mem, pages, block):
        return None
    from .region import MAX_MEMBERS, region_source
    members, seen, cycle = [block.trace], {vaddr}, False
    waiting = list(block.exits)
    while waiting and len(members) < MAX_MEMBERS:
        t = waiting.pop(0)
        cycle = cycle or t == vaddr
        if t in seen:
            continue
        seen.add(t)
        p = pages.physical(t)
        other = mem.blocks.get(p) if p is not None else None
        if other is not None and other.waited and other.vaddr == t and other.paging == paging:
            # hot code whose translation _pays put off: in a region it pays
            other = translate(core, p, t, alone=True)
        elif ((other is None or other.heat is not None and other.vaddr == t and other.paging == paging)
                and p is not None and _returns_here(mem, pages, t)):
            # a return into a member (recursion): translated now if it ran
            # half of HOT_RUNS already or is replayed (a replayed run that
            # goes through a call and back does not count the return site's
            # runs: its heat is low), or if the code cache has it
            warm = other is not None and (other.heat <= mem.hot_runs // 2 or bool(other.run))
            other = translate(core, p, t, known_only=not warm, alone=True) or other
        if (other is None or other.exits is None or other.vaddr != t or other.paging != paging
                or any(pages.physical(step[-1]) is None for step in other.trace)):
            continue
        members.append(other.trace)
        waiting += other.exits
    cycle = cycle or vaddr in waiting
    if len(members) < 2 or not cycle:
        return None
    members = [_steps(mem, pages, trace) for trace in members]
    every = [step for trace in members for step in trace]
    pages.keep_only(every)
    words = mem.words
    key = (("region", paging), tuple(len(trace) for trace in members),
           tuple((words[pages.physical(v) >> 2], words[(pages.physical(v) >> 2) + 1], v) for _, v in every))
    start = key[2][0]
    entry = CACHE.get(start, key)
    if entry is None:
        source, pre_last, constants = region_source(members, paging, len(pages.base) - 1)
        entry = (compile(source, f"<region {vaddr:#x}>", "exec"), source, pre_last, constants)
        CACHE.add(start, key, entry)
    return _made(mem, entry, pages, paddr, vaddr, paging, block.trace)


def _returns_here(mem, pages, t):
    """Whether t follows a call: the code a return comes back to."""
    p = pages.physical((t - 8) & MASK)
    d = None if p is None else _decoded(mem, p)
    return d is not None and d[6].kind in ("call", "callr")


def _may_return(mem, pages, block):
    """Whether the translated blocks that block's exits lead to, and
    theirs, may lead back to it: the cheap look that most blocks fail
    before _region looks properly (which also checks each member's pages
    and stops at MAX_MEMBERS, so it finds a cycle only where this one
    does). Looking at more than REGION_SEARCH blocks, it answers yes."""
    vaddr, paging = block.vaddr, block.paging
    waiting, seen = list(block.exits), set()
    while waiting:
        t = waiting.pop()
        if t == vaddr or len(seen) > REGION_SEARCH:
            return True
        if t in seen:
            continue
        seen.add(t)
        p = pages.physical(t)
        other = mem.blocks.get(p) if p is not None else None
        if other is not None and other.exits and other.vaddr == t and other.paging == paging:
            waiting += other.exits
    return False


def _steps(mem, pages, trace):
    """The (decoded, vaddr) steps of a block's trace: a block found in the
    code cache keeps its key's (word0, word1, vaddr) instead."""
    if len(trace[0]) == 3:
        return [(_decoded(mem, pages.physical(v)), v) for _, _, v in trace]
    return trace


def _compiled(mem, pages, trace, paging):
    """The (code, source, pre_last, constants) of a trace, from the code
    cache (vm/codecache.py) or compiled now and added to it. The cache
    knows code by its machine words: checking that memory still holds a
    cached trace needs no decoding."""
    words = mem.words
    key = (paging, tuple((words[pages.physical(v) >> 2], words[(pages.physical(v) >> 2) + 1], v)
                         for _, v in trace))
    start = key[1][0]
    entry = CACHE.get(start, key)
    if entry is None:
        from .blockgen import Writer
        from .region import exits
        writer = Writer(trace, paging, len(pages.base) - 1)
        source = writer.source()
        code = compile(source, f"<block {writer.start:#x}>", "exec")
        constants = dict(PREFIX=tuple(writer.prefix), DATA_PREFIX=tuple(writer.data_prefix),
                         ADDRS=tuple(writer.addrs), LINE_AT=writer.line_at, EXITS=exits(trace, source))
        entry = (code, source, writer.prefix[len(trace) - 1], constants)
        CACHE.add(start, key, entry)
    return entry


def _known(mem, quick, paddr, vaddr, paging):
    """A cached translation of the code at paddr, if memory holds exactly
    the instructions it was made from, and the pages it is on; else None."""
    if mem.rewrites.get(paddr >> 12, 0) >= HOT_REWRITES:
        return None, None, None
    words = mem.words
    for key, entry in CACHE.candidates((words[paddr >> 2], words[(paddr >> 2) + 1], vaddr)):
        pages = TracePages(mem, quick, paddr, vaddr)
        if key[0] == paging and all(_holds(words, pages.physical(v), w0, w1) for w0, w1, v in key[1]):
            return entry, pages, key
    return None, None, None


def _holds(words, paddr, w0, w1):
    return paddr is not None and words[paddr >> 2] == w0 and words[(paddr >> 2) + 1] == w1


def _decoded(mem, paddr):
    try:
        return mem.decoded.get(paddr) or decode_at(mem, paddr)
    except Trap:
        return None


def _remember(mem, paddr, block, extra_pages=()):
    """Keep a block for paddr. Writing to any physical page it was made
    from forgets it (memory.forget_code)."""
    if len(mem.blocks) >= MAX_BLOCKS:
        mem.blocks.clear()         # start over: bounded memory, deterministic
        mem.block_pages.clear()
        mem.branches.clear()
        for tlb in mem.tlbs.values():
            tlb.forget_blocks()
    mem.blocks[paddr] = block
    mem.mark_code(paddr >> 12)
    for page in extra_pages:
        mem.mark_code(page)
        mem.block_pages.setdefault(page, set()).add(paddr)
    return block


def run_slice(core, limit):
    """The same contract as interp.run_slice, block by block.

    The TLB's `blocks` map takes a pc straight to its translated block while
    the pc's page stays in the quick execute map. Anything else (cold code,
    a page the quick map lacks, a block too long for the cycles left, an
    instruction a block left to the reference) goes the long way: it runs
    instructions the reference way up to the next control transfer.

    A trap, and an iret after which no interrupt can be taken, do not end
    the slice as they do the reference's: the machine would only start
    another with the same limit (a trap turns interrupts off; the limit is
    never past the timer's deadline). The slice goes on with the maps of
    the ring and address space selected now."""
    start = core.instructions
    used = 0                        # budget used beyond instructions: faults
    machine = core.machine
    core.limit = limit
    core.after_device = False
    while True:
        try:
            _run(core)
        except Trap as t:
            used += finish_trap(core, t, core.pc)
            if core.cycles < core.limit == limit and not (machine.halted or machine.stop_requested):
                continue
            return core.instructions - start + used
        if core.resume_limit:       # a syscall or iret that switched rings: go on with its maps
            core.limit, core.resume_limit = core.resume_limit, 0
            if not (machine.halted or machine.stop_requested):
                continue
        if core.after_device:       # go on as the machine would start the next slice
            core.after_device = False
            core.limit = machine.go_on(core, core.instructions - start + used)
            if core.limit:
                continue
        return core.instructions - start + used


def _run(core):
    """Run blocks (or interpret) from core.pc while the cycles are below
    core.limit, with the quick maps of the current ring and address space."""
    mem = core.mem
    blocks = mem.blocks
    tlb = core.tlb
    jit = tlb.blocks
    paging = bool(core.paging)        # constant during a slice: csrw status ends it
    quick = tlb.quick[ACCESS_EXEC] if paging else None
    # what every block gets: the registers and the quick read and write maps
    R = core.regs
    QR, QW = (tlb.quick[ACCESS_READ], tlb.quick[ACCESS_WRITE]) if paging else mem.quick
    while core.cycles < core.limit:
        pc = core.pc
        block = jit.get(pc)
        if block is None:
            block = _enter(core, blocks, jit, quick, pc, paging)
            if block is None or block.fn is None:
                _interpret(core, quick, block)      # (a cold block: its run may be replayed)
                continue
        elif core.cycles + block.pre_last >= core.limit:
            # too long for the cycles left (near a timer's deadline): the
            # reference runs its code, without the long way (_enter would
            # find the block and give up on it again)
            _interpret(core, quick)
            continue
        if not block.fn(core, R, QR, QW):
            continue
        # it could not run even its first instruction: a load or store
        # whose page is not in the quick map may get it there, and go again
        if quick is not None and _look_up_first(core, quick, pc) and core.cycles + block.pre_last < core.limit:
            if not block.fn(core, R, QR, QW):
                continue
        _interpret(core, quick)


def _look_up_first(core, quick, pc):
    """Whether the instruction at pc (paging on) is a load or store whose
    address the reference's translation can take now, without changing
    what the code at pc is fetched through: done now, counted (a hit, or
    a miss and its walk), or the trap (raised, the instruction's fetch
    counted first), as the load or store would do it; it puts the page in
    the quick map (unless it is a device, or code written to). Whatever
    runs the instruction next counts its access as a hit once more: taken
    off here. A TLB miss, or a store that must set the dirty bit, walks
    the page table (_walk_spares_code says when it may: in a cached `minos
    run -c 'echo hi'` 1,400 of the 1,900 blocks that could not run their
    first instruction were a TLB miss, each left to the reference, the
    long way, before)."""
    d = core.mem.decoded.get(pc + quick[pc & FETCH_KEY])
    if d is None:
        return False
    insn = d[6]
    if insn.kind != "load" and insn.kind != "store":
        return False
    vaddr = (core.regs[d[2]] + d[4]) & MASK
    if vaddr & (int(insn.sem) - 1):
        return False                    # misaligned: the reference traps before translating
    access = ACCESS_READ if insn.kind == "load" else ACCESS_WRITE
    pte = core.tlb.lookup(core.asid, vaddr >> 12)
    if ((pte is None or access == ACCESS_WRITE and not pte & PTE_D and not core.swtlb)
            and not _walk_spares_code(core, pc, vaddr, access, pte is None)):
        return False
    try:
        core.translate(vaddr, access)
    except Trap:
        core.tlb_hits += 1              # the fetch, as the reference counts it before the access
        raise
    core.tlb_hits -= 1
    return True


def _walk_spares_code(core, pc, vaddr, access, miss):
    """Whether the walk (and TLB insert) a load or store at pc to vaddr
    makes (miss: a TLB miss; else a store setting the dirty bit) leaves
    pc's page in the TLB and the execute quick map, and writes no page
    holding decoded code: the reference fetched pc before its access,
    so the access may go first only where the fetch would not see it.
    With software refill a miss only traps."""
    if core.swtlb:
        return miss
    page = pc >> 12
    if not miss and vaddr >> 12 == page:
        return False                    # (the entry made again takes its page out of the quick maps)
    entries = core.tlb.entries
    if miss and len(entries) >= TLB_ENTRIES and next(iter(entries)) & 0xFFFFF == page:
        return False                    # the insert evicts the oldest entry: pc's
    try:
        pte_addr, _ = core.walk_page_table(vaddr, access)
    except Trap:
        return True                     # it faults (the trap is raised), writing nothing
    return pte_addr >> 12 not in core.mem.code_pages


SYSCALL_TRAP = Trap(CAUSE["syscall"])


def _syscall(core, pc):
    """A block's syscall at pc, its instructions before it counted: trap
    (interp.finish_trap counts the syscall itself). The slice goes on, as
    after any trap (run_slice), in the handler; after run_slice selects the
    kernel's maps if the ring changed, and not at all if a trap hook (a
    debugger, a profiler) may want to look."""
    ring, limit = core.ring, core.limit
    core.pc = pc
    finish_trap(core, SYSCALL_TRAP, pc)
    if core.trap_hooks:
        core.limit = 0
    elif core.ring != ring:
        core.limit, core.resume_limit = 0, limit


def _iret(core, d, pc):
    """A block's iret: the reference's (op_iret), which ends the slice so
    that an interrupt it makes deliverable is taken at once. With none to
    take the slice goes on (run_slice), at once if the ring stays, else
    after run_slice selects the new ring's maps."""
    limit, ring = core.limit, core.ring
    nxt = op_iret(core, d, pc)
    if not (core.ie and core.ipend):
        if core.ring == ring:
            core.limit = limit
        else:
            core.resume_limit = limit
    return nxt


def _code_paddr(quick, size, pc):
    """The physical address of the code at pc, or None where no block can
    start (a page not mapped executable; with paging off, quick None: past
    memory or not on an instruction)."""
    if quick is None:
        return pc if pc < size and not pc & 7 else None
    offset = quick.get(pc & FETCH_KEY)
    return None if offset is None else pc + offset


def _enter(core, blocks, jit, quick, pc, paging):
    """The long way to the block at pc: count a run of the code there, and
    return its block if it is translated (or now proves hot) and fits in
    the cycles left, or if it is cold (fn None: not hot yet); else None.
    The code of a cold block, or none, is interpreted."""
    paddr = _code_paddr(quick, core.mem.size, pc)
    if paddr is None:
        if quick is None:
            return None
        # the page is not in this set's execute quick map: fetch pc as the
        # reference would (a TLB hit or a refill, counted; or the trap),
        # which puts it there. Whatever runs pc next counts its fetch as a
        # quick hit: one hit too many, taken off here.
        paddr = core.fetch_address(pc)
        core.tlb_hits -= 1
        block = jit.get(pc)             # (a parked block may be back: Tlb.fill)
        if block is not None:
            return block if core.cycles + block.pre_last < core.limit else None
    block = blocks.get(paddr)
    if block is None or block.vaddr != pc or block.paging != paging:
        # new code: interpret it until it proves hot (compiling costs as
        # much as running a block hundreds of times), unless the code cache
        # has it already
        block = translate(core, paddr, pc, known_only=True)
        if block is None:
            return _remember(core.mem, paddr, Block(None, pc, paging, 0, "", heat=core.mem.hot_runs - 1))
    if block.heat is not None:
        block.heat -= 1
        if block.heat > 0 or not _pays(core, block):
            return block
        block = translate(core, paddr, pc)
    core.tlb.add_block(pc, block)
    return block if core.cycles + block.pre_last < core.limit else None


def _pays(core, block):
    """Whether the cold block, run HOT_RUNS times, is to be translated now.
    In a kernel (ring 0, paging on), code whose replayed run goes round a
    loop is; code whose run does not (a function's straight code, called
    from a loop elsewhere) waits until it has run STRAIGHT_RUNS times (its
    heat starts again for the runs between). A kernel runs in phases (a
    boot's initialisations, each a loop over pages, inodes or devices):
    in a first boot, 38 of the 56 such blocks translated at 128 runs ran
    fewer than 1,000 instructions afterwards, where translating one costs
    about a millisecond and saves a fraction of a microsecond per
    instruction. A program's straight code (printf's, called for each
    character) keeps running: waiting made the primes 8% slower. Not in a
    run made to fill the code cache (HOT_RUNS_AHEAD), whose translations
    later runs keep. A region that would take a waiting block as a member
    translates it at once (_region: as it would have been, so that a run
    with the code cache, which has it at once, makes the region the run
    that filled the cache made)."""
    run = block.run
    if (block.waited or core.ring or not core.paging or core.mem.hot_runs != HOT_RUNS
            or not run or run.pcs[-1] in run.pcs[:-1]):
        return True
    block.waited = True
    block.heat = STRAIGHT_RUNS - HOT_RUNS
    return False


def _built(mem, paddr, pc, quick, regs):
    """The pre-decoded run of the cold code at paddr (vm/replay.py), or ()
    if there is none; a write to any page it spans forgets its Block."""
    run = build_run(mem, paddr, pc, quick, regs)
    if run is None:
        return ()
    for page in run.pages:
        mem.block_pages.setdefault(page, set()).add(paddr)
    return run


def _replay(core, block, quick, pc, paddr, maps):
    """Replay the pre-decoded run of the cold block at pc (physical address
    paddr; made once the block has started REPLAY_RUNS runs) if the limit
    lets it run whole, counting what ran. maps: the quick read and write
    maps. Returns the pc it stopped at, and whether the reference should go
    on stepping from there (False: the run ended after its control
    transfer, where the dispatcher looks next)."""
    run = block.run
    if run is None:
        mem = core.mem
        if block.heat > mem.hot_runs - REPLAY_RUNS and not block.waited:
            return pc, True
        run = block.run = _built(mem, paddr, pc, quick, core.regs)
    if not run:
        return pc, True
    for page, offset in run.extra:
        if quick.get(page) != offset:
            block.run = None            # its other pages moved: made again next time
            return pc, True
    if core.cycles + run.pre_last >= core.limit:
        return pc, True
    regs = core.regs
    QR, QW = maps
    # no count kept per step: where a step stops the replay, how many ran
    # is what its iterator has left (callgrind, a first boot: 2,178 M ->
    # 2,152 M host instructions, from a `k += 1` per step)
    steps = iter(run.steps)
    for h in steps:
        if h(regs, QR, QW, core):
            k = run.n - 1 - length_hint(steps)  # k: the reference runs this one
            break
    else:
        k = run.n
        core.instructions += k
        core.cycles += run.cycles[k]
        core.tlb_hits += run.hits[k]
        return run.pcs[k], not run.transfer
    core.instructions += k
    core.cycles += run.cycles[k]
    core.tlb_hits += run.hits[k]
    return run.pcs[k], True


def _by_reference(core, R, QR, QW):
    """The function of a block that cannot be translated."""
    _interpret(core, core.tlb.quick[ACCESS_EXEC] if core.paging else None)
    return False


def _interpret(core, quick, block=None):
    """Run instructions the reference way from core.pc, up to and including
    the next one that is not straight-line code, or until the limit; and
    on from there while the code there is cold (a Block with heat: not
    yet run HOT_RUNS times), counting the run it starts as _enter would,
    without going back to the dispatcher. block: the cold Block of the
    code at core.pc, if there is one. Where a cold run has started
    REPLAY_RUNS times, the path it takes is pre-decoded (vm/replay.py)
    and replayed; the reference runs the instruction a replay stops
    before. quick is the execute quick map (None: paging is off)."""
    mem = core.mem
    decoded = mem.decoded
    branches = mem.branches
    blocks = mem.blocks
    jit = core.tlb.blocks
    paging = quick is not None
    size = mem.size
    fetch = core.fetch_address
    maps = (core.tlb.quick[ACCESS_READ], core.tlb.quick[ACCESS_WRITE]) if paging else mem.quick
    unreplayed = mem.hot_runs - REPLAY_RUNS     # heat above this: no run yet (_replay)
    pc = core.pc
    p = None if block is None else _code_paddr(quick, size, pc)
    try:
        while True:
            stepped = True              # (False: a replay ended after a control transfer)
            # (code that has not started REPLAY_RUNS runs has no run to
            # make or replay: no call to _replay)
            if block is not None and (block.run is not None or block.heat <= unreplayed or block.waited):
                ran = core.instructions
                pc, stepped = _replay(core, block, quick, pc, p, maps)
                # (a replay that ran nothing leaves the instruction to the
                # reference even at the limit: _enter's fetch of pc may have
                # reached it, and the reference runs what it has fetched)
                if core.cycles >= core.limit and core.instructions != ran:
                    break
            while stepped:
                if quick is None:
                    # paging off: decodings are kept only for aligned addresses in
                    # RAM, so a hit needs no fetch check (as in interp.run_slice)
                    paddr = pc
                    d = decoded.get(pc) or decode_at(mem, fetch(pc))
                else:
                    offset = quick.get(pc & FETCH_KEY)
                    if offset is None:
                        paddr = fetch(pc)
                    else:
                        core.tlb_hits += 1
                        paddr = pc + offset
                    d = decoded.get(paddr) or decode_at(mem, paddr)
                nxt = d[0](core, d, pc)
                core.instructions += 1
                core.cycles += d[5]
                kind = d[6].kind
                pc = nxt
                if core.cycles >= core.limit:
                    core.pc = pc
                    return
                if kind not in STRAIGHT:
                    if kind == "branch":    # which way it goes, for _trace
                        branches[paddr] = branches.get(paddr, 0) + (1 if nxt == d[4] else -1)
                    break
            if pc in jit:
                break                   # translated: the dispatcher runs it
            # cold code next (else the dispatcher sees to it): a run starts there
            p = _code_paddr(quick, size, pc)
            block = None if p is None else blocks.get(p)
            if (block is None or block.heat is None or block.heat <= 1 or block.vaddr != pc
                    or block.paging != paging):
                break
            block.heat -= 1
    except Trap:
        core.pc = pc                  # the instruction that faulted
        raise
    core.pc = pc
