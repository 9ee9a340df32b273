# usys.s: the system-call stubs of the trap backend (monolithic kernel).
#
# Each stub puts the call's number in t0 and traps; the arguments are
# already in a0-a5 where the C caller put them, and the kernel leaves the
# result in a0. The numbers must match kernel/include/syscall.h (this file
# is assembled without the preprocessor; tests/kernel/test_usys.py checks
# that the two agree).
#
# The exit call's stub is `_exit` (the raw system call); libc's exit()
# (userland/lib/exit.c) flushes output, then calls it.
        .text
        .global fork
fork:
        li   t0, 1
        syscall
        ret

        .global _exit
_exit:
        li   t0, 2
        syscall
        ret

        .global wait
wait:
        li   t0, 3
        syscall
        ret

        .global pipe
pipe:
        li   t0, 4
        syscall
        ret

        .global read
read:
        li   t0, 5
        syscall
        ret

        .global kill
kill:
        li   t0, 6
        syscall
        ret

        .global exec
exec:
        li   t0, 7
        syscall
        ret

        .global fstat
fstat:
        li   t0, 8
        syscall
        ret

        .global chdir
chdir:
        li   t0, 9
        syscall
        ret

        .global dup
dup:
        li   t0, 10
        syscall
        ret

        .global getpid
getpid:
        li   t0, 11
        syscall
        ret

        .global sbrk
sbrk:
        li   t0, 12
        syscall
        ret

        .global sleep
sleep:
        li   t0, 13
        syscall
        ret

        .global uptime
uptime:
        li   t0, 14
        syscall
        ret

        .global open
open:
        li   t0, 15
        syscall
        ret

        .global write
write:
        li   t0, 16
        syscall
        ret

        .global mknod
mknod:
        li   t0, 17
        syscall
        ret

        .global unlink
unlink:
        li   t0, 18
        syscall
        ret

        .global link
link:
        li   t0, 19
        syscall
        ret

        .global mkdir
mkdir:
        li   t0, 20
        syscall
        ret

        .global close
close:
        li   t0, 21
        syscall
        ret

        .global getprocs
getprocs:
        li   t0, 22
        syscall
        ret

        .global halt
halt:
        li   t0, 23
        syscall
        ret

        .global setpgid
setpgid:
        li   t0, 24
        syscall
        ret

        .global getpgid
getpgid:
        li   t0, 25
        syscall
        ret

        .global getppid
getppid:
        li   t0, 26
        syscall
        ret

        .global getcwd
getcwd:
        li   t0, 27
        syscall
        ret

        .global waitpid
waitpid:
        li   t0, 28
        syscall
        ret

        .global tcsetpgrp
tcsetpgrp:
        li   t0, 29
        syscall
        ret

        .global tcgetpgrp
tcgetpgrp:
        li   t0, 30
        syscall
        ret

        .global sysinfo
sysinfo:
        li   t0, 31
        syscall
        ret

        .global cpuinfo
cpuinfo:
        li   t0, 32
        syscall
        ret

        .global dup2
dup2:
        li   t0, 33
        syscall
        ret

        .global trace
trace:
        li   t0, 34
        syscall
        ret

        .global vmprint
vmprint:
        li   t0, 35
        syscall
        ret

        .global vmstats
vmstats:
        li   t0, 36
        syscall
        ret
