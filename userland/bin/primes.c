// primes: the primes up to 35 by a pipeline sieve of processes. The first
// process feeds 2..35 into a pipe; each stage prints the first number it
// reads (a prime), passes on the numbers that prime does not divide to a
// stage it forks, and waits for it. (Lab util.)
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <minos.h>

#define LIMIT 35

/* BEGIN SOLUTION util */
// One stage: reads numbers from `in` until end of file.
static void stage(int in)
{
    int prime, n, next[2], pid, status;

    if (read(in, &prime, sizeof prime) != sizeof prime)
        exit(0);                      // nothing left: the pipeline ends here
    printf("prime %d\n", prime);
    if (pipe(next) < 0)
        die("primes: pipe failed");
    flushall();
    pid = fork();
    if (pid < 0)
        die("primes: fork failed");
    if (pid == 0) {
        close(in);
        close(next[1]);
        stage(next[0]);
    }
    close(next[0]);
    while (read(in, &n, sizeof n) == sizeof n)
        if (n % prime != 0 && write(next[1], &n, sizeof n) != sizeof n)
            die("primes: write failed");
    close(in);
    close(next[1]);                   // the next stage sees end of file
    waitpid(pid, &status, 0);
    exit(0);
}

int main(void)
{
    int first[2], pid, n, status;

    if (pipe(first) < 0)
        die("primes: pipe failed");
    flushall();
    pid = fork();
    if (pid < 0)
        die("primes: fork failed");
    if (pid == 0) {
        close(first[1]);
        stage(first[0]);
    }
    close(first[0]);
    for (n = 2; n <= LIMIT; n++)
        if (write(first[1], &n, sizeof n) != sizeof n)
            die("primes: write failed");
    close(first[1]);
    waitpid(pid, &status, 0);
    return 0;
}
/* END SOLUTION util */
/* STUB util
// Lab util: print "prime N" for every prime up to LIMIT with a pipeline of
// processes connected by pipes (one process per prime found).
// See labs/util/README.md.
int main(void)
{
    fprintf(stderr, "primes: not implemented\n");
    return 1;
}
*/
