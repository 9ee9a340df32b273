// trace MASK COMMAND [ARGS]: run COMMAND with the system calls in MASK
// traced: bit 1 << SYS_x of kernel/include/syscall.h traces call x (calls
// 1..31), and -1 traces every call, those numbered 32 and up too. MASK is
// an int: anything else (4294967296, 12abc) is a usage error.
// The kernel prints "<pid>: syscall <name> -> <result>" after each one,
// for COMMAND and the processes it forks. (Lab syscall.)
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <minos.h>

#ifdef SYS_trace
int main(int argc, char **argv)
{
    int mask;

    if (argc < 3)
        die("usage: trace MASK COMMAND [ARGS]");
    if (parse_int(argv[1], &mask) < 0)
        die("trace: %s: %s (MASK is an int: -1, or a sum of 1 << SYS_x)", argv[1],
            errno == ERANGE ? "out of range" : "not a number");
    if (trace(mask) < 0)
        die("trace: the trace system call failed: %s", strerror(errno));
    execvp(argv[2], argv + 2);
    die("trace: %s: %s", argv[2], strerror(errno));
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
