// usys.S: the system-call stubs of the trap backend (monolithic kernel).
//
// Each stub puts the call's number in t0 and traps; the arguments are
// already in a0-a5 where the C caller put them, and the kernel leaves the
// result in a0. A failing call returns -ENUMBER (kernel/include/errnum.h):
// every stub ends at __sysret, which turns that into errno = ENUMBER and
// the -1 that C programs test for; any other result is returned as is. The numbers come from kernel/include/syscall.h: a .S file
// goes through the C preprocessor before the assembler (lang/cc/driver.py),
// so SYS_fork below is the header's number, never a copy of it.
//
// A new system call gets a stub here (its label is the C function's name)
// and a declaration in userland/include/unistd.h.
//
// The exit call's stub is `_exit` (the raw system call); libc's exit()
// (userland/lib/exit.c) flushes output, then calls it.

#include "syscall.h"
#include "errnum.h"

        .text

// The common tail of every stub (they jump here; lr still holds their
// caller's return address). Errors are -MAXERRNO..-1, compared unsigned:
// sbrk's addresses above 0x80000000 are negative as ints but not errors.
__sysret:
        li   t1, -MAXERRNO
        bgeu a0, t1, .Lerror
        ret
.Lerror:
        neg  a0, a0
        la   t1, errno
        sw   a0, 0(t1)
        li   a0, -1
        ret

        .global fork
fork:
        li   t0, SYS_fork
        syscall
        jmp  __sysret

        .global _exit
_exit:
        li   t0, SYS_exit
        syscall
        jmp  __sysret

        .global wait
wait:
        li   t0, SYS_wait
        syscall
        jmp  __sysret

        .global pipe
pipe:
        li   t0, SYS_pipe
        syscall
        jmp  __sysret

        .global read
read:
        li   t0, SYS_read
        syscall
        jmp  __sysret

        .global kill
kill:
        li   t0, SYS_kill
        syscall
        jmp  __sysret

        .global exec
exec:
        li   t0, SYS_exec
        syscall
        jmp  __sysret

        .global fstat
fstat:
        li   t0, SYS_fstat
        syscall
        jmp  __sysret

        .global chdir
chdir:
        li   t0, SYS_chdir
        syscall
        jmp  __sysret

        .global dup
dup:
        li   t0, SYS_dup
        syscall
        jmp  __sysret

        .global getpid
getpid:
        li   t0, SYS_getpid
        syscall
        jmp  __sysret

        .global sbrk
sbrk:
        li   t0, SYS_sbrk
        syscall
        jmp  __sysret

        .global sleep
sleep:
        li   t0, SYS_sleep
        syscall
        jmp  __sysret

        .global uptime
uptime:
        li   t0, SYS_uptime
        syscall
        jmp  __sysret

        .global open
open:
        li   t0, SYS_open
        syscall
        jmp  __sysret

        .global write
write:
        li   t0, SYS_write
        syscall
        jmp  __sysret

        .global mknod
mknod:
        li   t0, SYS_mknod
        syscall
        jmp  __sysret

        .global unlink
unlink:
        li   t0, SYS_unlink
        syscall
        jmp  __sysret

        .global link
link:
        li   t0, SYS_link
        syscall
        jmp  __sysret

        .global mkdir
mkdir:
        li   t0, SYS_mkdir
        syscall
        jmp  __sysret

        .global close
close:
        li   t0, SYS_close
        syscall
        jmp  __sysret

        .global getprocs
getprocs:
        li   t0, SYS_getprocs
        syscall
        jmp  __sysret

        .global halt
halt:
        li   t0, SYS_halt
        syscall
        jmp  __sysret

        .global setpgid
setpgid:
        li   t0, SYS_setpgid
        syscall
        jmp  __sysret

        .global getpgid
getpgid:
        li   t0, SYS_getpgid
        syscall
        jmp  __sysret

        .global getppid
getppid:
        li   t0, SYS_getppid
        syscall
        jmp  __sysret

        .global getcwd
getcwd:
        li   t0, SYS_getcwd
        syscall
        jmp  __sysret

        .global waitpid
waitpid:
        li   t0, SYS_waitpid
        syscall
        jmp  __sysret

        .global tcsetpgrp
tcsetpgrp:
        li   t0, SYS_tcsetpgrp
        syscall
        jmp  __sysret

        .global tcgetpgrp
tcgetpgrp:
        li   t0, SYS_tcgetpgrp
        syscall
        jmp  __sysret

        .global cpuinfo
cpuinfo:
        li   t0, SYS_cpuinfo
        syscall
        jmp  __sysret

        .global dup2
dup2:
        li   t0, SYS_dup2
        syscall
        jmp  __sysret

/* BEGIN SOLUTION syscall */
        .global sysinfo
sysinfo:
        li   t0, SYS_sysinfo
        syscall
        jmp  __sysret

        .global trace
trace:
        li   t0, SYS_trace
        syscall
        jmp  __sysret
/* END SOLUTION syscall */
/* STUB syscall
// Lab syscall: the stubs of sysinfo and trace go here, one like those
// above for each (labs/syscall/README.md).
*/

        .global setprio
setprio:
        li   t0, SYS_setprio
        syscall
        jmp  __sysret

        .global vmprint
vmprint:
        li   t0, SYS_vmprint
        syscall
        jmp  __sysret

        .global vmstats
vmstats:
        li   t0, SYS_vmstats
        syscall
        jmp  __sysret

// Micro's services (its reincarnation server: docs/micro.md) have no
// meaning here: svcinfo and svckill fail with ENOSYS, without a trap.
        .global svcinfo
svcinfo:
        .global svckill
svckill:
        li   a0, -ENOSYS
        jmp  __sysret
