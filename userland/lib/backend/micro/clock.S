// clock.S: sleep() and uptime() of libc's micro backend (unistd.h):
// kernel calls, not messages — the clock is core's (kernel/core/timer.c),
// as timeouts are L4's kernel's. (Not in taskops.S: servers link that
// file, and they have no errno.)

#include "ipc.h"

        .text

// A failing sleep returns -1 with errno set, as every libc call does.
        .global sleep
sleep:
        li   t0, SYS_sleep
        syscall
        li   t1, 0
        bge  a0, t1, .Lslept
        neg  a0, a0
        la   t1, errno
        sw   a0, 0(t1)
        li   a0, -1
.Lslept:
        ret

        .global uptime
uptime:
        li   t0, SYS_uptime
        syscall
        ret
