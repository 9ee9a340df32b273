// sysinfotest: checks that sysinfo tells the truth (lab syscall).
// Free pages must drop when memory is taken with sbrk and come back when
// it is returned; the process count must grow by one with a child.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>

#ifdef SYS_sysinfo
static struct sysinfo get(void)
{
    struct sysinfo info;

    if (sysinfo(&info) < 0) {
        printf("sysinfotest: FAIL: sysinfo returned -1\n");
        exit(1);
    }
    return info;
}

static void check(int ok, char *what)
{
    if (!ok) {
        printf("sysinfotest: FAIL: %s\n", what);
        exit(1);
    }
}

int main(void)
{
    struct sysinfo before, during, after;
    int pid, status, fd[2], i;
    char c, *p;

    before = get();
    check(before.freepages > 0 && before.freepages <= before.totalpages,
          "free pages must be between 1 and the total");
    p = sbrk(10 * 4096);
    check(p != (char *)-1, "sbrk failed");
    for (i = 0; i < 10; i++)
        p[i * 4096] = 1;           // touched: a lazy sbrk (lab pgtbl) allocates now
    during = get();
    check(during.freepages <= before.freepages - 10, "free pages did not drop by 10 after sbrk");
    sbrk(-10 * 4096);
    after = get();
    check(after.freepages == before.freepages, "free pages did not come back after sbrk(-n)");
    check(sysinfo((struct sysinfo *)0xFFFFF000) == -1 && errno == EFAULT,
          "a bad address must give -1 with errno EFAULT (return -EFAULT)");

    if (pipe(fd) < 0)
        check(0, "pipe failed");
    flushall();
    pid = fork();
    if (pid == 0) {
        read(fd[0], &c, 1);        // stay alive until the parent has looked
        exit(0);
    }
    during = get();
    check(during.nproc == before.nproc + 1, "the process count did not grow with a child");
    write(fd[1], "x", 1);
    waitpid(pid, &status, 0);
    after = get();
    check(after.nproc == before.nproc, "the process count did not shrink after wait");
    printf("sysinfotest: OK\n");
    return 0;
}
#else
// The tree of lab syscall, before the student adds SYS_sysinfo to
// kernel/include/syscall.h (then this program needs the libc stub and the
// declaration of sysinfo(), and the kernel's handler).
int main(void)
{
    printf("sysinfotest: FAIL: not implemented: there is no sysinfo system call yet (lab syscall)\n");
    return 1;
}
#endif
