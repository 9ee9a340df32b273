// sleep: wait N seconds (a second is TICKS_PER_SECOND clock ticks of
// the machine, not a second of your time). -t N: wait N ticks.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minos.h>

/* BEGIN SOLUTION util */
int main(int argc, char **argv)
{
    int n, ticks = 0;

    if (argc == 3 && strcmp(argv[1], "-t") == 0)
        ticks = 1;
    if (argc != 2 + ticks || parse_int(argv[1 + ticks], &n) < 0 || n < 0)
        die("usage: sleep SECONDS  or  sleep -t TICKS");
    if (!ticks)
        n *= TICKS_PER_SECOND;
    if (sleep(n) < 0)
        return 1;
    return 0;
}
/* END SOLUTION util */
/* STUB util
// Lab util: pause for a number of seconds (or clock ticks with -t),
// using the sleep() system call.
// See labs/util/README.md. Until you write it, it only says so.
int main(int argc, char **argv)
{
    fprintf(stderr, "sleep: not implemented\n");
    return 1;
}
*/
