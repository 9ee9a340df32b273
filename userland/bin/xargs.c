// xargs: run a command with the words of standard input as extra
// arguments (default command: echo). -n N: at most N words per run.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include "param.h"
#include <minos.h>

/* BEGIN SOLUTION util */
#define MAXARGV MAXARG     // exec takes at most MAXARG arguments (param.h): the command and its words

static char *args[MAXARGV + 1];
static int nfixed;

static int run(int nargs)
{
    int pid, st = 0;
    args[nargs] = 0;
    flushall();
    pid = fork();
    if (pid < 0)
        die("xargs: fork failed");
    if (pid == 0) {
        close(0);                       // the command reads nothing of xargs's input
        open("/dev/null", O_RDONLY);
        execvp(args[0], args);
        fprintf(stderr, "xargs: %s: %s\n", args[0], strerror(errno));
        exit(errno == ENOENT ? 127 : 126);
    }
    waitpid(pid, &st, 0);
    return st & 255;
}

int main(int argc, char **argv)
{
    int i = 1, max = MAXARGV, n, status = 0, c;
    char word[256];
    int len = 0;

    if (i < argc && strcmp(argv[i], "-n") == 0) {
        if (i + 1 >= argc || parse_int(argv[i + 1], &max) < 0 || max < 1)
            die("xargs: invalid number for -n");
        i += 2;
    }
    if (i >= argc)
        args[nfixed++] = "echo";
    for (; i < argc && nfixed < MAXARGV - 1; i++)
        args[nfixed++] = argv[i];
    if (max > MAXARGV - nfixed)
        max = MAXARGV - nfixed;
    n = nfixed;
    for (;;) {
        c = getchar();
        if (c == EOF || c == ' ' || c == '\n' || c == '\t') {
            if (len > 0) {
                word[len] = 0;
                args[n++] = xstrdup(word);
                len = 0;
                if (n - nfixed == max) {
                    status |= run(n);
                    while (n > nfixed)
                        free(args[--n]);
                }
            }
            if (c == EOF)
                break;
        } else if (len < (int)sizeof word - 1) {
            word[len++] = c;
        }
    }
    if (n > nfixed)
        status |= run(n);
    return status ? 123 : 0;
}
/* END SOLUTION util */
/* STUB util
// Lab util: run a command once per group of words read from standard
// input (-n N words at a time), with those words as extra arguments.
// See labs/util/README.md. Until you write it, it only says so.
int main(int argc, char **argv)
{
    fprintf(stderr, "xargs: not implemented\n");
    return 1;
}
*/
