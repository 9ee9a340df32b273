// freemem: print the number of free physical pages (the sysinfo system
// call). The lab graders run it before and after a workload: a kernel or
// program that leaks memory shows fewer free pages afterwards.
#include <stdio.h>
#include <unistd.h>

#ifdef SYS_sysinfo
int main(void)
{
    struct sysinfo info;

    if (sysinfo(&info) < 0) {
        fprintf(stderr, "freemem: sysinfo failed\n");
        return 1;
    }
    printf("free pages: %d of %d\n", info.freepages, info.totalpages);
    return 0;
}
#else
// The tree of lab syscall, before the student adds SYS_sysinfo to
// kernel/include/syscall.h: there is no call to ask yet.
int main(void)
{
    fprintf(stderr, "freemem: not implemented: there is no sysinfo system call yet (lab syscall)\n");
    return 1;
}
#endif
