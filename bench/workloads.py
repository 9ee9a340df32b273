"""Machine-speed workloads in assembly, shared by bench/mips.py (and, later,
the engines' differential tests). Each runs for about N loop iterations and
powers off with exit code 0."""

from lang.asm import assemble
from lang.link import link

POWER_OFF = """
    li t0, 0xF0002000
    sw zero, 0(t0)
"""

ALU = """
    .text
    .global _start
_start:
    li t0, 0
    li t1, {n}
loop:
    addi t0, t0, 1
    xor a2, a2, t0
    add a3, a3, a2
    shli a4, a3, 3
    sub a5, a4, t0
    blt t0, t1, loop
""" + POWER_OFF

# Identity-map the first 4 MiB (one page table), turn paging on, then walk an
# array with loads and stores.
MEMORY = """
    .text
    .global _start
_start:
    li t0, 0x100000          # page directory
    li t1, 0x101003          # -> page table at 0x101000, present + writable
    sw t1, 0(t0)
    li t0, 0x101000
    li t1, 0x7               # pte: frame 0, present, writable, executable, ring 0
    li a0, 1024
map:
    sw t1, 0(t0)
    addi t0, t0, 4
    addi t1, t1, 4096
    subi a0, a0, 1
    bne a0, zero, map
    li t0, 0x100F00          # directory entry 960 covers the devices at 0xF0000000
    li t1, 0x102003
    sw t1, 0(t0)
    li t0, 0x102008          # its entry 2: the power device page, ring 0
    li t1, 0xF0002003
    sw t1, 0(t0)
    li t0, 0x100000
    csrw ptbr, t0
    li t0, 2                 # status.PG
    csrw status, t0
    li s0, 0
    li s1, {n}
outer:
    li a0, array
    li a1, 256
inner:
    lw a2, 0(a0)
    addi a2, a2, 1
    sw a2, 0(a0)
    lw a3, 4(a0)
    add a3, a3, a2
    sw a3, 4(a0)
    addi a0, a0, 8
    subi a1, a1, 1
    bne a1, zero, inner
    addi s0, s0, 256
    blt s0, s1, outer
""" + POWER_OFF + """
    .data
    .align 8
array:
    .space 2048
"""

CALLS = """
    .text
    .global _start
_start:
    li sp, 0x80000
    li a0, {n}
    call fib
""" + POWER_OFF + """
# fib(n) = n < 2 ? n : fib(n-1) + fib(n-2), with a frame pointer like compiled C
fib:
    addi sp, sp, -16
    sw lr, 12(sp)
    sw fp, 8(sp)
    sw s0, 4(sp)
    addi fp, sp, 16
    li t0, 2
    blt a0, t0, fib_done
    mov s0, a0
    subi a0, s0, 1
    call fib
    mov t1, a0
    sw t1, 0(sp)
    subi a0, s0, 2
    call fib
    lw t1, 0(sp)
    add a0, a0, t1
fib_done:
    lw s0, 4(sp)
    lw fp, 8(sp)
    lw lr, 12(sp)
    addi sp, sp, 16
    ret
"""

# A syscall loop: each iteration traps into a handler that returns with iret.
TRAPS = """
    .text
    .global _start
_start:
    li t0, vectors
    csrw vec, t0
    li s0, 0
    li s1, {n}
loop:
    syscall
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
    .align 8
vectors:
    .space 56               # causes 0-6 unused here
    jmp on_syscall          # cause 7
on_syscall:
    csrr t0, epc
    addi a4, a4, 1
    iret
"""

WORKLOADS = {"alu": (ALU, 200_000), "memory": (MEMORY, 150_000), "calls": (CALLS, 20),
             "traps": (TRAPS, 60_000)}


def build(name, n=None):
    source, default = WORKLOADS[name]
    image, _ = link([assemble(source.format(n=default if n is None else n), f"{name}.s")])
    return image
