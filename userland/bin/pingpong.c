// pingpong: two processes pass one byte back and forth over two pipes.
// The child prints "<pid>: received ping" when the byte arrives, sends it
// back, and the parent prints "<pid>: received pong". (Lab util.)
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <minos.h>

/* BEGIN SOLUTION util */
int main(void)
{
    int to_child[2], to_parent[2], pid, status;
    char byte = 'x';

    if (pipe(to_child) < 0 || pipe(to_parent) < 0)
        die("pingpong: pipe failed");
    flushall();                       // nothing buffered may be printed twice
    pid = fork();
    if (pid < 0)
        die("pingpong: fork failed");
    if (pid == 0) {
        close(to_child[1]);
        close(to_parent[0]);
        if (read(to_child[0], &byte, 1) != 1)
            die("pingpong: child read failed");
        printf("%d: received ping\n", getpid());
        if (write(to_parent[1], &byte, 1) != 1)
            die("pingpong: child write failed");
        exit(0);
    }
    close(to_child[0]);
    close(to_parent[1]);
    if (write(to_child[1], &byte, 1) != 1)
        die("pingpong: parent write failed");
    if (read(to_parent[0], &byte, 1) != 1)
        die("pingpong: parent read failed");
    printf("%d: received pong\n", getpid());
    waitpid(pid, &status, 0);
    return 0;
}
/* END SOLUTION util */
/* STUB util
// Lab util: make two pipes, fork; the parent sends a byte to the child,
// the child prints "<pid>: received ping" and sends it back, the parent
// prints "<pid>: received pong". See labs/util/README.md.
int main(void)
{
    fprintf(stderr, "pingpong: not implemented\n");
    return 1;
}
*/
