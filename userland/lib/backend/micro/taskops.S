// taskops.S: the stubs of the process manager's system calls
// (kernel/micro/taskops.c; numbers in kernel/include/ipc.h): arguments in
// a0-a3 as C put them, the kernel's result in a0 (0, a slot, or
// -ENUMBER). Declared in servers/include/mk.h.

#include "ipc.h"

        .text

        .global task_new
task_new:
        li   t0, SYS_tasknew
        syscall
        ret

        .global task_regs
task_regs:
        li   t0, SYS_taskregs
        syscall
        ret

        .global page_mapmany
page_mapmany:
        li   t0, SYS_mapmany
        syscall
        ret

        .global page_alloc
page_alloc:
        li   t0, SYS_pagealloc
        syscall
        ret

        .global task_kill
task_kill:
        li   t0, SYS_taskkill
        syscall
        ret

        .global machine_halt
machine_halt:
        li   t0, SYS_halt
        syscall
        ret

        .global bundle_read
bundle_read:
        li   t0, SYS_bundleread
        syscall
        ret


        .global mem_info
mem_info:
        li   t0, SYS_meminfo
        syscall
        ret

// The clock, for servers (libc's sleep and uptime, with errno, are
// clock.S): the reincarnation server's heartbeat.
        .global tick_sleep
tick_sleep:
        li   t0, SYS_sleep
        syscall
        ret

        .global tick_now
tick_now:
        li   t0, SYS_uptime
        syscall
        ret
