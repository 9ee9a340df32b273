// pipetest: a pipe's promises, one case at a time (lab ipc; it runs on
// every kernel). Each case prints "pipetest: NAME OK" or
// "pipetest: NAME FAIL: why"; `pipetest NAME ...` runs only those.
//
//   reader   a read of an empty pipe waits, and is answered later with
//            the bytes a write brings (the deferred reply, on micro)
//   writer   a write larger than the pipe waits until a reader makes
//            room; every byte arrives, in order
//   eof      a read returns 0 once the last write end is closed, also
//            for a reader that was waiting, and only then: a write end
//            kept by dup or fork keeps the pipe open
//   epipe    a write with no reader fails with EPIPE; a writer waiting
//            on a full pipe whose reader goes away gets what it wrote
//            so far
//
// The sleeps only make the waiting likely (the child runs first while
// the parent sleeps): the verdicts hold in any order.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

#define BIG 10000            // more than a pipe holds (2048 bytes)

static char buf[BIG];
static char *name;
static int failed;

static int check(int ok, char *why)
{
    if (!ok && !failed) {
        printf("pipetest: %s FAIL: %s\n", name, why);
        flushall();                    // not again in a child's copy of the buffer
        failed = 1;
    }
    return ok;
}

// The child's exit status (-1 if wait failed).
static int reap(int pid)
{
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return -1;
    return st;
}

static void reader(void)
{
    int p[2], pid;
    check(pipe(p) == 0, "pipe");
    pid = fork();
    if (pid == 0) {
        close(p[1]);
        _exit(read(p[0], buf, 100) == 5 && memcmp(buf, "hello", 5) == 0 ? 0 : 1);
    }
    close(p[0]);
    sleep(2);                          // the child's read waits for these bytes
    check(write(p[1], "hello", 5) == 5, "write of 5 bytes");
    check(reap(pid) == 0, "the waiting read did not return the 5 bytes written later");
    close(p[1]);
}

static void writer(void)
{
    int p[2], pid, i, n, total = 0;
    check(pipe(p) == 0, "pipe");
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        for (i = 0; i < BIG; i++)
            buf[i] = i % 251;
        _exit(write(p[1], buf, BIG) == BIG ? 0 : 1);
    }
    close(p[1]);
    sleep(2);                          // the child's write waits for room
    while ((n = read(p[0], buf + total, BIG - total)) > 0)
        total += n;
    check(total == BIG, "the reader did not get all 10000 bytes");
    for (i = 0; i < total; i++)
        if (!check(buf[i] == (char)(i % 251), "bytes out of order or changed"))
            break;
    check(reap(pid) == 0, "the big write did not return 10000");
    close(p[0]);
}

static void eof(void)
{
    int p[2], pid, copy;
    check(pipe(p) == 0, "pipe");
    check(write(p[1], "ab", 2) == 2, "write");
    copy = dup(p[1]);
    close(p[1]);
    check(read(p[0], buf, 10) == 2, "read of what was written before the close");
    pid = fork();
    if (pid == 0) {                    // a second copy of both ends
        close(copy);
        _exit(read(p[0], buf, 10) == 0 ? 0 : 1);   // waits: the parent keeps a write end
    }
    sleep(2);
    close(copy);                       // the last write end: the child's read ends
    check(reap(pid) == 0, "a waiting reader did not get end of file (0)");
    check(read(p[0], buf, 10) == 0, "a read after the last writer closed is not 0");
    close(p[0]);
}

static void epipe(void)
{
    int p[2], pid, r;
    check(pipe(p) == 0, "pipe");
    close(p[0]);
    errno = 0;
    r = write(p[1], "x", 1);
    check(r == -1 && errno == EPIPE, "a write with no reader must fail with EPIPE");
    close(p[1]);
    check(pipe(p) == 0, "pipe");
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        r = write(p[1], buf, BIG);     // waits on the full pipe ...
        _exit(r > 0 && r < BIG ? 0 : 1);   // ... until the reader goes: part of it
    }
    close(p[1]);
    sleep(2);
    check(read(p[0], buf, 100) == 100, "read of 100 bytes");
    close(p[0]);
    check(reap(pid) == 0, "a writer waiting when the reader closed must get the count it wrote");
}

static struct {
    char *name;
    void (*fn)(void);
} cases[] = {
    {"reader", reader},
    {"writer", writer},
    {"eof", eof},
    {"epipe", epipe},
};

#define NCASES ((int)(sizeof cases / sizeof cases[0]))

static int wanted(int argc, char **argv, char *what)
{
    int i;
    if (argc < 2)
        return 1;
    for (i = 1; i < argc; i++)
        if (strcmp(argv[i], what) == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    int i, bad = 0;
    for (i = 0; i < NCASES; i++) {
        if (!wanted(argc, argv, cases[i].name))
            continue;
        name = cases[i].name;
        failed = 0;
        cases[i].fn();
        if (!failed)
            printf("pipetest: %s OK\n", name);
        flushall();
        bad += failed;
    }
    return bad ? 1 : 0;
}
