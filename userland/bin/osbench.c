// osbench: the operations the kernels are compared on, repeated N times
// between two markers, so the host can read exact instruction counts.
//   osbench null N     getpid
//   osbench spawn N    fork + exec(/bin/true) + exit + wait
//   osbench pipe N     N KiB through a pipe to a child
//   osbench file N     create + write 100 bytes + close + unlink
//   osbench fork200 N  fork of a process with 200 pages of heap + exit + wait
//   osbench sh N       `ls | wc` run by the shell: fork + exec(sh -c "ls | wc") + wait
// `minos bench` runs it (shell/perf/bench.py); on its own it just prints
// "[osbench start]" and "[osbench end]" around the work.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char block[1024];

static void null_calls(int n)
{
    int i;
    for (i = 0; i < n; i++)
        getpid();
}

// n times: fork, exec path with argv in the child, wait for it
static void run_n(int n, char *path, char **argv)
{
    int i, status;
    for (i = 0; i < n; i++) {
        if (fork() == 0) {
            exec(path, argv);
            _exit(127);
        }
        wait(&status);
    }
}

static void spawns(int n)
{
    char *argv[2];
    argv[0] = "true";
    argv[1] = 0;
    run_n(n, "/bin/true", argv);
}

static void pipe_kib(int n)
{
    int fd[2], i, got, status;
    if (pipe(fd) < 0)
        exit(1);
    if (fork() == 0) {
        close(fd[1]);
        while ((got = read(fd[0], block, sizeof block)) > 0)
            ;
        _exit(0);
    }
    close(fd[0]);
    for (i = 0; i < n; i++)
        writeall(fd[1], block, sizeof block);
    close(fd[1]);
    wait(&status);
}

static void fork200(int n)
{
    char *heap = sbrk(200 * 4096);
    int i, status;
    if (heap == (char *)-1)
        exit(1);
    for (i = 0; i < 200; i++)
        heap[i * 4096] = i;         // every page really there
    for (i = 0; i < n; i++) {
        if (fork() == 0)
            _exit(0);
        wait(&status);
    }
}

static void shell_pipeline(int n)
{
    char *argv[4];
    argv[0] = "sh";
    argv[1] = "-c";
    argv[2] = "ls | wc";
    argv[3] = 0;
    run_n(n, "/bin/sh", argv);
}

static void files(int n)
{
    int i, fd;
    for (i = 0; i < n; i++) {
        fd = open("osbench.tmp", O_CREATE | O_WRONLY);
        write(fd, block, 100);
        close(fd);
        unlink("osbench.tmp");
    }
}

int main(int argc, char **argv)
{
    int n;
    if (argc != 3) {
        fprintf(stderr, "usage: osbench null|spawn|pipe|file|fork200|sh N\n");
        return 2;
    }
    n = atoi(argv[2]);
    printf("[osbench start]\n");
    fflush(stdout);
    if (strcmp(argv[1], "null") == 0)
        null_calls(n);
    else if (strcmp(argv[1], "spawn") == 0)
        spawns(n);
    else if (strcmp(argv[1], "pipe") == 0)
        pipe_kib(n);
    else if (strcmp(argv[1], "file") == 0)
        files(n);
    else if (strcmp(argv[1], "fork200") == 0)
        fork200(n);
    else if (strcmp(argv[1], "sh") == 0)
        shell_pipeline(n);
    else {
        fprintf(stderr, "osbench: unknown operation '%s'\n", argv[1]);
        return 2;
    }
    printf("[osbench end]\n");
    return 0;
}
