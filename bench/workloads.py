"""Machine-speed workloads, shared by bench/mips.py and the engines'
differential tests: loops in assembly, and compiled C for calls. Each runs
for about N iterations (for calls: fib(N)) and powers off.

Compiled programs as students write them: each program of bench/programs
(its main run N times over, so the run is long enough to measure), and a
trial-division primes that prints the first N primes."""

import tempfile
from pathlib import Path

from lang.asm import assemble
from lang.link import link
from vm.codecache import CACHE
from vm.image import Image
from vm.region import forget_members

POWER_OFF = """
    li t0, 0xF0002000
    sw zero, 0(t0)
"""

# An ALU loop as compute kernels have them: a xorshift generator mixed with
# the counter and summed (12 instructions per iteration, one branch).
ALU = """
    .text
    .global _start
_start:
    li t0, 0
    li t1, {n}
    li a2, 2463534242
loop:
    xor a2, a2, t0
    shli a3, a2, 13
    xor a2, a2, a3
    shri a3, a2, 17
    xor a2, a2, a3
    shli a3, a2, 5
    xor a2, a2, a3
    add a4, a4, a2
    andi a5, a2, 255
    add a4, a4, a5
    addi t0, t0, 1
    blt t0, t1, loop
""" + POWER_OFF

# Identity-map the first 4 MiB (one page table, at 0x101000) and the power
# device, and turn paging on (shared with tests/engines).
PAGING_ON = """
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
"""

# With paging on, walk an array with loads and stores.
MEMORY = PAGING_ON + """    li s0, 0
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

# Compiled C with many calls: the -O1 code of a recursive fib, with frames
# and saved registers as every C function has them.
CALLS = """
int fib(int n)
{{
  if (n < 2)
    return n;
  return fib(n - 1) + fib(n - 2);
}}

int main(void)
{{
  return fib({n}) & 0xFF;
}}
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

# Trial division with an early exit (`break`) around a remainder, and a
# printf per prime: the shape of most compiled C.
PRIMES = """
#include <stdio.h>

int main(void)
{{
  int count = 0;
  for (int n = 2; count < {n}; n++) {{
    int prime = 1;
    for (int d = 2; d * d <= n; d++)
      if (n % d == 0) {{
        prime = 0;
        break;
      }}
    if (prime) {{
      printf("%d\\n", n);
      count++;
    }}
  }}
  return 0;
}}
"""

PROGRAMS = Path(__file__).resolve().parent / "programs"
# A program of bench/programs run N times: its main renamed, called by a
# main of our own (each program's main starts from scratch: it sets up its
# own data, so every round does the same work).
REPEATED = """
int main(void)
{{
  int status = 0;
  for (int round = 0; round < {n}; round++)
    status |= program_main();
  return status;
}}
"""


def program(name):
    """The source of bench/programs/NAME.c, with {n} rounds of its main."""
    text = (PROGRAMS / f"{name}.c").read_text().replace("int main(void)", "int program_main(void)")
    return text.replace("{", "{{").replace("}", "}}") + REPEATED


WORKLOADS = {"alu": (ALU, 500_000), "memory": (MEMORY, 600_000), "calls": (CALLS, 25),
             "traps": (TRAPS, 200_000)}
# the programs of bench/programs: rounds of main (about 2M instructions)
PROGRAM_ROUNDS = {"fib": 12, "list": 50, "matmul": 60, "qsort": 18, "sieve": 22, "strings": 32}
WORKLOADS |= {"primes": (PRIMES, 1000)} | {name: (program(name), n) for name, n in PROGRAM_ROUNDS.items()}
C_WORKLOADS = {"calls", "primes"} | set(PROGRAM_ROUNDS)


def forget_translations():
    """Forget what this process translated, as a new process would not
    have it: the code cache in memory (vm/codecache.py) and the regions'
    kept member code (vm/region.py), so that a repeated run translates
    from nothing as the first did."""
    CACHE.clear()
    forget_members()


def build(name, n=None):
    source, default = WORKLOADS[name]
    source = source.format(n=default if n is None else n)
    if name in C_WORKLOADS:
        return compile_c(source, name)
    image, _ = link([assemble(source, f"{name}.s")])
    return image


def compile_c(source, name):
    """A bare-machine image of a C program, compiled at -O1."""
    from lang.cc.driver import Driver, Options
    with tempfile.TemporaryDirectory() as tmp:
        src, img = Path(tmp) / f"{name}.c", Path(tmp) / f"{name}.img"
        src.write_text(source)
        Driver(Options(opt=1, bare=True)).link([str(src)], str(img))
        return Image.load(str(img))
