// freemem: print the number of free physical pages (the vmstats system
// call's freepages, the count sysinfo reports too). The lab graders run it
// before and after a workload: a kernel or program that leaks memory shows
// fewer free pages afterwards. vmstats is in every lab's tree, so the
// memory tests of the labs before syscall work in their student trees.
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    struct vmstats st;

    if (vmstats(&st) < 0) {
        perror("freemem: vmstats");
        return 1;
    }
    printf("free pages: %d\n", st.freepages);
    return 0;
}
