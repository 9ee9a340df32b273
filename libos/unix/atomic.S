// atomic.S: uatomic_add(p, d) adds d to the word at p atomically and
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
