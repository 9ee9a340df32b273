"""Helpers for the debugger tests: compile a small program into
tmp_path, start a debugging session on it, run a script of commands and
return the transcript (deterministic text, as `minos debug --batch` prints)."""

import pytest

from shell.cli import main as minos
from shell.debug_cmd import build_kernel_session, build_session
from vm.errors import MinosError

RECURSIVE_C = r"""
#include <stdio.h>
struct point { int x; int y; };
struct point pts[3];
int counter;
char *greeting = "hello";
int fact(int n) {
    if (n <= 1)
        return 1;
    return n * fact(n - 1);
}
int sum(struct point *p, int n) {
    int s = 0;
    int i;
    for (i = 0; i < n; i++)
        s += p[i].x + p[i].y;
    return s;
}
int main(void) {
    int arr[4] = {1, 2, 3, 4};
    int r;
    pts[0].x = 1; pts[0].y = 2;
    pts[1].x = 3; pts[1].y = 4;
    counter = 5;
    r = fact(4);
    printf("fact %d\n", r);
    r = sum(pts, 2) + arr[2];
    counter = r;
    return 0;
}
"""

# A bare "kernel" in assembly: a vector table whose syscall entry adds 100
# to a0 and returns with iret; every other trap powers off with 99.
VECTORS_S = r"""
        .text
        .align 8
        .global vectors
vectors:
        jmp     other           # 0 illegal
        jmp     other           # 1 privileged
        jmp     other           # 2 pagefault
        jmp     other           # 3 tlbmiss
        jmp     other           # 4 misaligned
        jmp     other           # 5 divzero
        jmp     other           # 6 breakpoint
        jmp     sys_entry       # 7 syscall
        jmp     other           # 8 timer
        jmp     other           # 9 ipi
        jmp     other           # 10 console
        jmp     other           # 11 disk
sys_entry:
        addi    a0, a0, 100
        iret
other:
        li      t0, 0xF0002000
        li      t1, 99
        sw      t1, 0(t0)
        .global install_vectors
install_vectors:
        la      t0, vectors
        csrw    vec, t0
        ret
        .global do_syscall
do_syscall:
        li      t0, 16
        syscall
        ret
"""

SYSCALL_C = r"""
#include <stdio.h>
int do_syscall(int x);
void install_vectors(void);
int main(void) {
    int r;
    install_vectors();
    r = do_syscall(5);
    r = r + 1;
    printf("r=%d\n", r);
    return r == 106 ? 0 : 1;
}
"""


def compile_program(tmp_path, sources, name="prog"):
    """Write sources ({filename: text}) into tmp_path and build a --bare image."""
    paths = []
    for filename, text in sources.items():
        p = tmp_path / filename
        p.write_text(text)
        paths.append(str(p))
    out = tmp_path / f"{name}.img"
    assert minos(["cc", "--bare", *paths, "-o", str(out)]) == 0
    return out


class Transcript:
    """A session whose output is collected; run(script) returns the new text."""

    def __init__(self, image, **kw):
        self.chunks = []
        kw.setdefault("budget", 2_000_000)      # every run bounded
        kw.setdefault("mem", 1)                 # 1 MiB: snapshots and restores stay quick
        self.session = build_session(str(image), write=self.chunks.append, **kw)
        self.engine = self.session.engine

    def run(self, script):
        start = len(self.chunks)
        for line in script.strip().splitlines():
            line = line.strip()
            self.session.write("(mdb) " + line)
            self.session.execute(line)
        return "".join(self.chunks[start:])

    def text(self):
        return "".join(self.chunks)


class KernelTranscript(Transcript):
    """A Transcript on the whole system (a kernel, its file system and
    every program's debug info), stopped before the first instruction;
    the test is skipped if the kernel does not build. With strict, a
    command that runs out of the budget fails the test at once."""

    def __init__(self, cores=1, budget=20_000_000, kernel="mono", strict=False):
        self.chunks = []
        self.budget, self.strict = budget, strict
        try:
            self.session = build_kernel_session(kernel, cores=cores, write=self.chunks.append,
                                                budget=budget)
        except MinosError as e:
            pytest.skip(f"the {kernel} kernel does not build: {e}")
        self.engine = self.session.engine

    def run(self, script):
        out = super().run(script)
        if self.strict:
            assert "(the budget)" not in out, \
                f"a command ran out of its {self.budget} instructions:\n{out}"
        return out


# Ring 0 sets up a vector table and drops to ring 3 with iret; the user
# code makes a system call (the handler adds 100 to a0 and returns to ring
# 3), then powers off with the result (paging stays off).
RINGS_S = r"""
        .text
        .global _start
_start:
        la      t0, vectors
        csrw    vec, t0
        li      t0, 0x80000
        csrw    ksp, t0          # kernel stack for traps from ring 3
        li      sp, 0x70000      # the user stack
        csrw    usp, sp
        la      t0, user
        csrw    epc, t0
        li      t0, 0x300        # estatus: ring 3, interrupts off
        csrw    estatus, t0
        iret
user:
        li      a0, 5
        li      t0, 16
        syscall
        addi    a0, a0, 1
        li      t0, 0xF0002000
        sw      a0, 0(t0)        # ring 3 may touch the device: paging is off
        .align 8
vectors:
        jmp     fault           # 0 illegal
        jmp     fault           # 1 privileged
        jmp     fault           # 2 pagefault
        jmp     fault           # 3 tlbmiss
        jmp     fault           # 4 misaligned
        jmp     fault           # 5 divzero
        jmp     fault           # 6 breakpoint
        jmp     kentry          # 7 syscall
kentry:
        addi    a0, a0, 100
        iret
fault:
        li      t0, 0xF0002000
        li      t1, 99
        sw      t1, 0(t0)
"""

# Builds a page table (identity map of the first 256 KiB for ring 3, plus
# virtual 0x400000 -> physical 0x30000 for ring 0 read-only), turns paging
# on, stores a marker through the identity map and powers off.
PAGING_S = r"""
        .text
        .global _start
_start:
        li      t0, 0x10000      # page directory
        li      t1, 0x11001      # directory entry 0: table at 0x11000, present
        sw      t1, 0(t0)
        li      t1, 0x12001      # directory entry 1: table at 0x12000
        sw      t1, 4(t0)
        li      a2, 0
        li      a3, 64
fill:
        shli    a4, a2, 12
        ori     a4, a4, 0x1f     # present, writable, executable, ring 3
        shli    a5, a2, 2
        addi    a5, a5, 0x11000
        sw      a4, 0(a5)
        addi    a2, a2, 1
        blt     a2, a3, fill
        li      t1, 0x30001      # virtual 0x400000: physical 0x30000, read-only, ring 0
        li      a5, 0x12000
        sw      t1, 0(a5)
        li      t1, 0xCAFE
        li      a5, 0x30000
        sw      t1, 0(a5)
        csrw    ptbr, t0
        li      t1, 2            # status.PG
        csrw    status, t1
        li      a5, 0x400000
        lw      a0, 0(a5)
paged:
        li      t0, 0xF0002000
        li      t1, 0
        sw      t1, 0(t0)
"""


def assemble_program(tmp_path, text, name):
    """An image from one assembly file, linked on its own (no runtime)."""
    src = tmp_path / f"{name}.s"
    src.write_text(text)
    obj = tmp_path / f"{name}.o"
    out = tmp_path / f"{name}.img"
    assert minos(["as", str(src), "-o", str(obj)]) == 0
    assert minos(["ld", str(obj), "-o", str(out)]) == 0
    return out
