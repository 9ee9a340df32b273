// trace MASK COMMAND [ARGS]: run COMMAND with the system calls in MASK
// traced (bit 1 << SYS_x of kernel/include/syscall.h; -1 traces all).
// The kernel prints "<pid>: syscall <name> -> <result>" after each one,
// for COMMAND and the processes it forks. (Lab syscall.)
#include <stdio.h>
#include <unistd.h>
#include <minos.h>

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
