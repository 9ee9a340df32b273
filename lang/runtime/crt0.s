# crt0.s: the first code of every bare-machine program.
#
# At reset every core starts here with a0 = core id and a1 = bytes of RAM.
# Core 0 puts the stack at the top of RAM, records the RAM size for the heap
# (heap.c), calls main(0, 0) and passes its result to exit(). The other
# cores park: interrupts are off, so their wfi never returns and the
# machine stops when core 0 powers it off.
#
# .bss needs no clearing here: the image loader zero-fills each segment's
# memory beyond its file data, and .bss is exactly that tail.

        .text
        .global _start
_start:
        bnez    a0, .Lpark
        andi    sp, a1, -16             # top of RAM, 16-byte aligned
        li      fp, 0                   # no caller frame: ends backtraces
        la      t0, __ram_size
        sw      a1, 0(t0)
        li      a0, 0                   # argc
        li      a1, 0                   # argv
        call    main
        call    exit                    # exit(main's result); never returns
.Lpark:
        wfi
        jmp     .Lpark
