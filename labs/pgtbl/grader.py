"""Grader of lab pgtbl (labs/pgtbl/README.md).

Each test boots a fresh minos and runs shell command lines. What is judged
is on the console: the page table the kernel prints (checked line by line
against the layout of the pgtbl program's image), and the verdicts of
cowtest and lazytest, which measure through the vmstats counters and the
free pages what fork and sbrk really did.
"""

import re

from shell.labs.grader import Lab
from vm.image import Image

LAB = Lab("pgtbl", "Page tables: vmprint, lazy sbrk, copy-on-write fork", order=3)

PAGE = 4096
USERBASE_SLOT, STACK_SLOT = 256, 959           # directory slots of 0x40000000 and 0xEFC00000
STACK_PAGES = [1019, 1020, 1021, 1022]         # USTACKTOP 0xEFFFF000, 4 pages under it
GUARD_PAGE = 1018
SEG_W, SEG_X = 2, 4

HEADER = re.compile(r"^pgdir 0x([0-9a-f]{8})$")
DIR_LINE = re.compile(r"^  \[(\d+)\] 0x([0-9a-f]{8}) table 0x([0-9a-f]{8}) va 0x([0-9a-f]{8})$")
LEAF_LINE = re.compile(r"^    \[(\d+)\] 0x([0-9a-f]{8}) page 0x([0-9a-f]{8}) va 0x([0-9a-f]{8}) "
                       r"([r-][w-][x-][u-]) ([a-][d-])$")


class Table:
    """A printed page table: {slot: {index: (pte, letters, accessed/dirty)}}."""

    def __init__(self):
        self.slots = {}


def run_part(t, program, part, hint=""):
    """Run `program part` and expect its "program part: OK" line."""
    out = t.run(f"{program} {part}\n")
    ok = f"{program} {part}: OK"
    t.expect(ok in out.text, f"{program} {part} did not print '{ok}'" + (f" ({hint})" if hint else ""))
    return out


def parse_table(t, text):
    """The first page table printed in text, checked line by line: every
    field must agree with the entry's value. Fails the test otherwise."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if HEADER.match(line)), None)
    t.expect(start is not None, "no 'pgdir 0x........' line: did vmprint print anything?")
    pgdir = int(HEADER.match(lines[start]).group(1), 16)
    t.expect(pgdir % PAGE == 0, f"the page directory 0x{pgdir:08x} is not page aligned")
    table, slot = Table(), None
    for line in lines[start + 1:]:
        d, leaf = DIR_LINE.match(line), LEAF_LINE.match(line)
        if d:
            slot = int(d.group(1))
            pde, pa, va = (int(d.group(k), 16) for k in (2, 3, 4))
            t.expect(pde & 1, f"directory entry [{slot}] printed without its present bit: {line!r}")
            t.expect(pa == pde & ~0xFFF, f"directory entry [{slot}]: the table's address is not the "
                                         f"entry's address bits: {line!r}")
            t.expect(va == slot << 22, f"directory entry [{slot}] maps va 0x{slot << 22:08x}: {line!r}")
            t.expect(slot not in table.slots, f"directory entry [{slot}] printed twice")
            table.slots[slot] = {}
        elif leaf:
            t.expect(slot is not None, f"a page line before any directory line: {line!r}")
            index = int(leaf.group(1))
            pte, pa, va = (int(leaf.group(k), 16) for k in (2, 3, 4))
            perms, ad = leaf.group(5), leaf.group(6)
            t.expect(pte & 1, f"page [{index}] printed without its present bit: {line!r}")
            t.expect(pa == pte & ~0xFFF, f"page [{index}]: pa is not the entry's address bits: {line!r}")
            t.expect(va == (slot << 22) | (index << 12),
                     f"page [{index}] of directory entry [{slot}] is at va "
                     f"0x{(slot << 22) | (index << 12):08x}: {line!r}")
            want = ("r" + ("w" if pte & 2 else "-") + ("x" if pte & 4 else "-")
                    + ("u" if (pte >> 3) & 3 == 3 else "-"))
            want_ad = ("a" if pte & 0x20 else "-") + ("d" if pte & 0x40 else "-")
            t.expect(perms == want and ad == want_ad,
                     f"page [{index}]: the letters should be '{want} {want_ad}' for "
                     f"pte 0x{pte:08x}: {line!r}")
            table.slots[slot][index] = (pte, perms, ad)
        else:
            break                                   # the end of the table
    return table


def image_pages(t, program):
    """{page index in slot 256: letters} of a program, from its image."""
    image = Image.load(t.system.images.dir / "root" / "bin" / program)
    pages = {}
    for seg in image.segments:
        if seg.memsize == 0:
            continue
        letters = "r" + ("w" if seg.flags & SEG_W else "-") + ("x" if seg.flags & SEG_X else "-") + "u"
        for va in range(seg.vaddr & ~0xFFF, seg.vaddr + seg.memsize, PAGE):
            pages[(va >> 12) & 0x3FF] = letters
    return image, pages


def check_layout(t, table, program):
    """The program's image pages in slot 256, its 4 stack pages, nothing else."""
    image, pages = image_pages(t, program)
    t.expect(set(table.slots) == {USERBASE_SLOT, STACK_SLOT},
             f"expected directory entries [256] and [959] only, got {sorted(table.slots)}")
    got = table.slots[USERBASE_SLOT]
    t.expect(sorted(got) == sorted(pages),
             f"{program}'s image has pages {sorted(pages)} in [256]; the table shows {sorted(got)}")
    for index, letters in pages.items():
        t.expect(got[index][1] == letters,
                 f"page [{index}] of {program} should be '{letters}', not '{got[index][1]}'")
    stack = table.slots[STACK_SLOT]
    t.expect(sorted(stack) == STACK_PAGES,
             f"the stack should be pages {STACK_PAGES} of [959] (guard page {GUARD_PAGE} unmapped); "
             f"the table shows {sorted(stack)}")
    t.expect(all(stack[i][1] == "rw-u" for i in STACK_PAGES), "the stack pages should be 'rw-u'")
    return image


@LAB.test("pgtbl_self", points=15, max_instructions=8_000_000)
def pgtbl_self(t):
    """pgtbl prints its own page table: every line in the format, the image's pages and the stack."""
    out = t.run("pgtbl\necho status $?\n")
    t.expect("status 0" in out.text, "pgtbl did not exit 0")
    table = parse_table(t, out.text)
    image = check_layout(t, table, "pgtbl")
    entry = table.slots[USERBASE_SLOT][(image.entry >> 12) & 0x3FF]
    t.expect(entry[2][0] == "a", "the page holding the entry point ran, so it should show 'a' (accessed)")
    t.expect(table.slots[STACK_SLOT][1022][2] == "ad",
             "the top stack page was written, so it should show 'ad' (accessed, dirty)")
    t.expect(table.slots[STACK_SLOT][1019][2] == "--",
             "the lowest stack page was never touched, so it should show '--'")
    pas = [pte & ~0xFFF for slot in table.slots.values() for pte, _, _ in slot.values()]
    t.expect(len(set(pas)) == len(pas), "two pages of one process share a physical page")


@LAB.test("pgtbl_other", points=5, max_instructions=10_000_000, depends=("pgtbl_self",))
def pgtbl_other(t):
    """pgtbl 1 prints init's table; pgtbl of a pid that does not exist fails with -1."""
    out = t.run("pgtbl 1\necho status $?\npgtbl 999\necho status $?\n")
    table = parse_table(t, out.text)
    _, pages = image_pages(t, "init")
    t.expect(set(table.slots) == {USERBASE_SLOT, STACK_SLOT}
             and sorted(table.slots[USERBASE_SLOT]) == sorted(pages),
             "`pgtbl 1` should print the pages of init's image and stack")
    t.expect(re.search(r"status 0\n(.|\n)*no process 999(.|\n)*status 1", out.text),
             "`pgtbl 999` should fail (vmprint returns -1 for a pid that does not exist)")


@LAB.test("lazy_alloc", points=15, max_instructions=10_000_000)
def lazy_alloc(t):
    """lazytest alloc: sbrk of twice the free memory takes no page; pages come when touched, go with sbrk(-n)."""
    run_part(t, "lazytest", "alloc")


@LAB.test("lazy_bounds", points=10, max_instructions=10_000_000, depends=("lazy_alloc",))
def lazy_bounds(t):
    """lazytest bounds: past the break, the guard page, freed pages, a stack overflow kill the process, not the kernel."""
    out = t.run("lazytest bounds\necho alive\n")
    t.expect("lazytest bounds: OK" in out.text, "lazytest bounds did not print 'lazytest bounds: OK'")
    t.expect(out.text.count(": killed") >= 8, "each of the 8 bad accesses should print a 'killed' line")
    t.expect("alive" in out.text and "panic" not in out.text, "the kernel should go on")


@LAB.test("lazy_syscalls", points=5, max_instructions=10_000_000, depends=("lazy_alloc",))
def lazy_syscalls(t):
    """lazytest syscalls: read/write/fstat/pipe with untouched heap pages work; past the break they give -1."""
    run_part(t, "lazytest", "syscalls", "copyin/copyout and lazy pages?")


@LAB.test("lazy_pgtbl", points=5, max_instructions=8_000_000, depends=("pgtbl_self", "lazy_alloc"))
def lazy_pgtbl(t):
    """pgtbl -s 1500: of 1500 heap pages only the two touched ones are mapped, in two directory entries."""
    out = t.run("pgtbl -s 1500\n")
    table = parse_table(t, out.text)
    _, pages = image_pages(t, "pgtbl")
    first = max(pages) + 1                                 # the heap starts after the image
    last = USERBASE_SLOT * 1024 + first + 1499
    want = {(USERBASE_SLOT, first), (last >> 10, last & 0x3FF)}
    got = {(slot, i) for slot, leaves in table.slots.items() if slot != STACK_SLOT
           for i in leaves if slot != USERBASE_SLOT or i not in pages}
    t.expect(got == want, f"the heap should show exactly pages {sorted(want)} (slot, index); "
                          f"the table shows {len(got)} heap pages")
    t.expect(all(table.slots[s][i][1] == "rw-u" for s, i in want), "heap pages should be 'rw-u'")


@LAB.test("cow_fork", points=15, max_instructions=10_000_000)
def cow_fork(t):
    """cowtest fork: forking 200 pages copies none; a write copies exactly one; data stays private both ways."""
    run_part(t, "cowtest", "fork")


@LAB.test("cow_many", points=10, max_instructions=40_000_000)
def cow_many(t):
    """cowtest many: four children at once of a process using 60% of the free memory."""
    run_part(t, "cowtest", "many")


@LAB.test("cow_syscalls", points=5, max_instructions=10_000_000, depends=("cow_fork",))
def cow_syscalls(t):
    """cowtest syscalls: read, pipe, fstat and wait write into shared pages through copyout."""
    run_part(t, "cowtest", "syscalls", "does copyout copy shared pages?")


@LAB.test("usertests", points=5, max_instructions=120_000_000, depends=("lazy_alloc", "cow_fork"))
def usertests(t):
    """usertests still passes with lazy sbrk and copy-on-write fork."""
    out = t.run("usertests\n")
    t.expect("ALL TESTS PASSED" in out.text, "usertests did not print 'ALL TESTS PASSED'")


WORKLOAD = ("cowtest > /dev/null\nlazytest > /dev/null\nusertests forkcopy leak exec > /dev/null\n"
            "pgtbl -s 1500 > /dev/null\n")


@LAB.test("no_leaks", points=10, max_instructions=70_000_000,
          depends=("lazy_bounds", "lazy_syscalls", "cow_many", "cow_syscalls", "usertests"))
def no_leaks(t):
    """Free memory comes back after cowtest, lazytest, usertests and pgtbl (reference counts are right)."""
    out = t.run("freemem\n" + WORKLOAD + "freemem\n")
    free = [int(n) for n in re.findall(r"free pages: (\d+)", out.text)]
    t.expect(len(free) == 2, "freemem did not print free memory twice")
    t.expect(free[1] >= free[0], f"{free[0] - free[1]} pages of memory leaked "
                                 f"({free[0]} free before the programs ran, {free[1]} after)")
