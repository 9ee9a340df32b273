# crt0.s: where every Unix program starts on the exokernel (it replaces
# userland/lib/crt0.s in the exo build: shell/build.py user_library).
#
# The kernel's loader (the first program) or libos/unix/exec.c (every
# other) leaves argc and argv at sp and in a0, a1, as exec does on mono.
# Before main: the library OS's own start (libos/libos.c libos_init: the
# exception stack and the upcall), then the Unix's (libos/unix/proc.c
# unix_start: the shared region, this process's entry).
        .text
        .global _start
_start:
        li   fp, 0
        call libos_init
        lw   a0, 0(sp)
        lw   a1, 4(sp)
        call unix_start
        lw   a0, 0(sp)
        lw   a1, 4(sp)
        call main
        call exit               # exit(main's result); never returns
.Lhang:
        jmp  .Lhang
