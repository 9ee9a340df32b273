// unixtest.c: the Unix library OS (libos/unix) from a Unix program,
// linked with libc and userland/lib/backend/exo like every program on
// exo. It is the first process (pid 1); the boot bundle also holds sh,
// echo, cat and false (unchanged userland programs) and "crafted", a
// malformed image. Each check prints "ok NAME ... VALUE" or "FAIL NAME
// ... VALUE"; tests/exo/test_exo_unix.py reads them.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#define PAGE   4096
#define NPAGES 8             // the heap fork shares
#define NWRITE 5             // the pages the child writes

static int fails;

static void check(int ok, char *name, char *detail, int value)
{
    printf("%s %s %s %d\n", ok ? "ok" : "FAIL", name, detail, value);
    fflush(stdout);
    if (!ok)
        fails++;
}

// Run argv (a program of the bundle) in a child; its exit status.
static int run(char **argv)
{
    int pid = fork(), status = -99;

    if (pid == 0) {
        exec(argv[0], argv);
        exit(100 + errno);
    }
    if (waitpid(pid, &status, 0) != pid)
        return -98;
    return status;
}

static void t_fork_cow(void)
{
    char *heap = sbrk(NPAGES * PAGE);
    struct vmstats s0, s1, c0, c1;
    int i, pid, status, p[2], same;

    for (i = 0; i < NPAGES; i++)
        heap[i * PAGE] = i;
    pipe(p);
    vmstats(&s0);
    pid = fork();
    if (pid == 0) {
        vmstats(&c0);
        for (i = 0; i < NWRITE; i++)
            heap[i * PAGE] = 100 + i;
        vmstats(&c1);
        write(p[1], &c0, sizeof c0);
        write(p[1], &c1, sizeof c1);
        exit(0);
    }
    read(p[0], &c0, sizeof c0);
    read(p[0], &c1, sizeof c1);
    waitpid(pid, &status, 0);
    vmstats(&s1);
    check(c0.forkshared - s0.forkshared >= NPAGES, "fork_shares", "pages shared, not copied:",
          c0.forkshared - s0.forkshared);
    check(c1.cowcopied - c0.cowcopied == NWRITE, "cow_copies", "pages the child copied writing 5:",
          c1.cowcopied - c0.cowcopied);
    same = 0;
    for (i = 0; i < NPAGES; i++)
        same += heap[i * PAGE] == i;
    check(same == NPAGES, "cow_isolated", "parent pages unchanged by the child:", same);
    close(p[0]);
    close(p[1]);
    sbrk(-NPAGES * PAGE);
}

int main(void)
{
    char *echo[] = {"/bin/echo", "hi", 0};
    char *sh[] = {"/bin/sh", "-c", "echo hi | cat; false || echo or", 0};
    char *crafted[] = {"/bin/crafted", 0};
    char *missing[] = {"/bin/nosuchprogram", 0};
    char *sleeper[] = {"/bin/sh", "-c", "cat", 0};
    int st, pid, p[2], r;

    check(getpid() == 1 && getppid() == 0, "pid1", "the first process's pid:", getpid());
    st = run(echo);
    check(st == 0, "exec_echo", "echo's status:", st);
    st = run(sh);
    check(st == 0, "sh_pipe", "sh's status:", st);
    st = run(crafted);
    check(st == 100 + ENOEXEC, "exec_crafted", "a crafted image: exec's errno", st - 100);
    st = run(missing);
    check(st == 100 + ENOENT, "exec_missing", "no such program: exec's errno", st - 100);
    pid = fork();
    if (pid == 0)
        exit(7);
    r = waitpid(pid, &st, 0);
    check(r == pid && st == 7, "wait_status", "the child's exit status:", st);
    r = wait(&st);
    check(r == -1 && errno == ECHILD, "wait_none", "wait with no child: errno", errno);
    t_fork_cow();
    // kill: a child blocked reading an empty pipe ends with status -1
    pipe(p);
    pid = fork();
    if (pid == 0) {
        close(p[1]);
        dup2(p[0], 0);
        exec(sleeper[0], sleeper);
        exit(1);
    }
    sleep(2);
    r = kill(pid);
    waitpid(pid, &st, 0);
    check(r == 0 && st == -1, "kill", "a killed child's status:", st);
    close(p[0]);
    close(p[1]);
    r = kill(999);
    check(r == -1 && errno == ESRCH, "kill_none", "kill of no process: errno", errno);
    printf("unixtest: %s\n", fails ? "FAILED" : "PASSED");
    return fails;
}
