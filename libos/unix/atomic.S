// atomic.S: the Unix library OS's assembly.
//
// uatomic_add(p, d) adds d to the word at p atomically and
// returns the new value (libos/unix/proc.c: the copy-on-write counts and
// the memory counters, changed without the lock). A cas loop: read the
// old value, try to store old + d; if another core changed the word
// meanwhile, cas fails (returns what it found) and we try again.
        .text
        .global uatomic_add
uatomic_add:
        lw   t0, 0(a0)          // old
        add  t1, t0, a1         // new
        mov  a2, t0
        cas  a2, a0, t1         // if *a0 == a2 then *a0 = t1; a2 = what was there
        bne  a2, t0, uatomic_add
        mov  a0, t1
        ret

// uonstack(fn, arg, sp): fn(arg) with sp as its stack, then back on
// ours; returns what fn returns (proc.c: fork's passrange must not write
// the stack it is sharing). Our sp and lr are kept on the new stack.
        .global uonstack
uonstack:
        addi a2, a2, -8
        sw   sp, 0(a2)
        sw   lr, 4(a2)
        mov  sp, a2
        mov  t0, a0
        mov  a0, a1
        callr t0
        lw   lr, 4(sp)
        lw   sp, 0(sp)
        ret
