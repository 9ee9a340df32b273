// trace MASK COMMAND [ARGS]: run COMMAND with the system calls in MASK
// traced (bit 1 << SYS_x of kernel/include/syscall.h; -1 traces all).
// The kernel prints "<pid>: syscall <name> -> <result>" after each one,
// for COMMAND and the processes it forks. (Lab syscall.)
#include <stdio.h>
#include <unistd.h>
#include <minos.h>

#ifdef SYS_trace
int main(int argc, char **argv)
{
    int mask;

    if (argc < 3 || parse_int(argv[1], &mask) < 0)
        die("usage: trace MASK COMMAND [ARGS]");
    if (trace(mask) < 0)
        die("trace: the trace system call failed");
    execvp(argv[2], argv + 2);
    die("trace: %s: No such file or directory", argv[2]);
    return 1;
}
#else
// The tree of lab syscall, before the student adds SYS_trace to
// kernel/include/syscall.h (then this program needs the libc stub and the
// declaration of trace(), and the kernel's handler).
int main(void)
{
    fprintf(stderr, "trace: not implemented: there is no trace system call yet (lab syscall)\n");
    return 1;
}
#endif
