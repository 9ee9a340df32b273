"""The pages a trace of the fast engine (vm/fast.py) spans, and where
each is in physical memory: a block or region is translated for exactly
these pages, and checks on entry that its other pages are still where
they were (their offsets in the execute quick map)."""

from .isa import PAGE_SIZE


class TracePages:
    """Where the virtual pages of a trace are in physical memory: through
    the execute quick map (paging on: a page must be there, so fetching
    from it is a TLB hit), or the same address (paging off)."""

    def __init__(self, mem, quick, paddr, vaddr):
        self.mem = mem
        self.quick = quick
        self.base = {vaddr & ~0xFFF: paddr & ~0xFFF}

    def physical(self, v):
        """The physical address of v, or None where the trace cannot go."""
        page = v & ~0xFFF
        if page not in self.base:
            if self.quick is None:
                ok = page + PAGE_SIZE <= self.mem.size
                offset = 0
            else:
                offset = self.quick.get(page)
                ok = offset is not None
            if not ok:
                return None
            self.base[page] = page + offset
        return self.base[page] | (v & 0xFFF)

    def keep_only(self, trace):
        """Forget the pages the trace only peeked at (the instruction it
        stopped before): its translation checks exactly the pages of its
        instructions, as a cached one found by fast._known does."""
        used = {v & ~0xFFF for _, v in trace}
        self.base = {page: base for page, base in self.base.items() if page in used}

    def extra(self, start):
        """(virtual page, offset) of every page but the start's."""
        return tuple((page, base - page) for page, base in self.base.items() if page != start & ~0xFFF)
