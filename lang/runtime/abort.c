/* abort.c: abnormal termination. */
#include <stdio.h>
#include <stdlib.h>

/* Prints "abort" and ends with status 134 (128 + SIGABRT, as a Unix shell
 * reports a program killed by abort()). */
void abort(void)
{
    puts("abort");
    exit(134);
}
