# crt0.s: where every user program starts (the image's entry, _start).
#
# exec (kernel/mono/exec.c) leaves, at the initial sp (8-aligned):
#     0(sp)  argc
#     4(sp)  argv: the address of argc+1 pointers, the last one 0
# and also argc in a0, argv in a1. We end the frame-pointer chain
# (fp = 0, docs/abi.md), call main(argc, argv), and pass its return
# value to exit.
        .text
        .global _start
_start:
        lw   a0, 0(sp)
        lw   a1, 4(sp)
        li   fp, 0
        call main
        call exit               # exit(main's result); never returns
.Lhang:
        jmp  .Lhang
