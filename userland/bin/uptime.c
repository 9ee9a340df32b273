// uptime: how long the machine has run, in seconds and clock ticks,
// and how many processes there are.
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    int t = uptime();

    if (t < 0) {
        fprintf(stderr, "uptime: cannot read the clock\n");
        return 1;
    }
    printf("up %d.%02d s (%d ticks)", t / TICKS_PER_SECOND, t % TICKS_PER_SECOND, t);
#ifdef SYS_sysinfo                 // (lab syscall adds it)
    struct sysinfo info;
    if (sysinfo(&info) == 0)
        printf(", %d processes, %d cores", info.nproc, info.ncpu);
#endif
    printf("\n");
    return 0;
}
