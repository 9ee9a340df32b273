// start.S: where a bare libos program starts (shell/build.py
// build_exo_bundle links libos/ and libos/bare/; a Unix program starts in
// userland/lib/backend/exo/crt0.s instead).
//
// The first env starts here (the kernel's loader put argc, argv at sp and
// in a0, a1); a child made by exofork starts wherever its parent called
// exofork, with 0 in a0.
        .text
        .global _start
_start:
        li   fp, 0
        call libos_init
        lw   a0, 0(sp)
        lw   a1, 4(sp)
        call main
        call libos_exit         // libos_exit(main's result); never returns
.Lhang:
        jmp  .Lhang
