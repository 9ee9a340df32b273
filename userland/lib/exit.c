/* exit.c: ending a program. exit() flushes buffered output, then asks
 * the kernel to end the process (_exit, the raw system call of the
 * backend). crt0 calls exit with main's return value. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void exit(int status)
{
    flushall();
    _exit(status);
    for (;;)
        ;
}
