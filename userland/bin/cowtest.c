// cowtest: checks copy-on-write fork (lab pgtbl) from the inside.
//
//   cowtest [fork | many | race | syscalls]...     (no name: all four)
//
// The vmstats counters (kernel/include/syscall.h) and the free pages
// show what fork really did: a fork that shares its pages copies none,
// and a write copies exactly the page written. Each test prints
// "cowtest NAME: OK", or "cowtest NAME: FAIL: why" and exits 1.
// Parent and child take turns through pipes, so a test measures only
// its own process's doings, even on several cores.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE   4096
#define NPAGES 200          // the heap of test fork

static char *current;

static void fail(const char *fmt, ...)
{
    va_list ap;

    printf("cowtest %s: FAIL: ", current);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    exit(1);
}

static struct vmstats stats(void)
{
    struct vmstats s;

    if (vmstats(&s) < 0)
        fail("vmstats failed");
    return s;
}

// The int at the start of page i of heap.
static int *word(char *heap, int i)
{
    return (int *)(heap + i * PAGE);
}

// Heap pages that really exist: each written with its number.
static char *grow(int pages)
{
    char *heap = sbrk(pages * PAGE);
    int i;

    if (heap == (char *)-1)
        fail("sbrk of %d pages failed", pages);
    for (i = 0; i < pages; i++)
        *word(heap, i) = i;
    return heap;
}

static void send(int fd)
{
    if (write(fd, "x", 1) != 1)
        fail("pipe write failed");
}

static void reap(int pid)
{
    int status = -1;

    if (waitpid(pid, &status, 0) != pid || status != 0)
        exit(1);            // the child has said what went wrong
}

// Wait for the other side's byte. If it is gone instead (the pipe's
// write end closed), so are we: after reaping the child, if we have one.
static void receive(int fd, int child)
{
    char c;

    if (read(fd, &c, 1) != 1) {
        if (child > 0)
            reap(child);
        exit(1);
    }
}

// A fork of a 200-page process copies no page; a write copies just the
// page written, in the process that writes, even a write right after the
// fork to a page whose writable translation is still in the TLB; once
// the child is gone the parent's pages are its own again and a write
// copies nothing.
static void t_fork(void)
{
    struct vmstats s0, s1, s2, s3;
    int tochild[2], toparent[2], pid, i;
    char *heap = grow(NPAGES);

    if (pipe(tochild) < 0 || pipe(toparent) < 0)
        fail("pipe failed");
    s0 = stats();
    *word(heap, 9) = 9;         // in the TLB, writable, just before the fork
    pid = fork();
    if (pid < 0)
        fail("fork failed");
    if (pid == 0) {
        close(tochild[1]);
        close(toparent[0]);
        s1 = stats();
        if (s1.forkcopied != s0.forkcopied)
            fail("fork copied %d pages of a process with %d pages of heap; it should copy none",
                 s1.forkcopied - s0.forkcopied, NPAGES);
        if (s1.forkshared - s0.forkshared < NPAGES)
            fail("fork shared %d pages with the child, fewer than the %d of the heap",
                 s1.forkshared - s0.forkshared, NPAGES);
        if ((int)(s0.freepages - s1.freepages) > 10)
            fail("fork took %d pages of memory for a process with %d pages of heap",
                 s0.freepages - s1.freepages, NPAGES);
        receive(tochild[0], 0);         // the parent has written its page 9
        for (i = 0; i < NPAGES; i++)
            if (*word(heap, i) != i)
                fail("the child reads %d in heap page %d, not %d", *word(heap, i), i, i);
        s2 = stats();
        *word(heap, 7) = -7;
        s3 = stats();
        if (s3.cowcopied - s2.cowcopied != 1)
            fail("writing one shared page copied %d pages, not 1", s3.cowcopied - s2.cowcopied);
        if ((int)(s2.freepages - s3.freepages) != 1)
            fail("writing one shared page took %d pages of memory, not 1",
                 s2.freepages - s3.freepages);
        if (*word(heap, 7) != -7 || *word(heap, 8) != 8)
            fail("the child's heap is wrong after its write");
        send(toparent[1]);
        receive(tochild[0], 0);         // the parent has looked at its page 7
        exit(0);
    }
    *word(heap, 9) = -9;                // at once: a stale TLB entry would let it through
    close(tochild[0]);
    close(toparent[1]);
    send(tochild[1]);
    receive(toparent[0], pid);          // the child has written page 7
    if (*word(heap, 7) != 7)
        fail("the child's write to heap page 7 reached the parent");
    send(tochild[1]);
    reap(pid);
    // The child is gone: no page is shared any more, so a write to a
    // copy-on-write page just makes it writable again.
    s0 = stats();
    *word(heap, 11) = -11;
    s1 = stats();
    if (s1.cowcopied != s0.cowcopied || s1.cowreused - s0.cowreused != 1)
        fail("once the child had exited, writing a page copied it (copied %d, reused %d): "
             "does exit drop its references, and does a page with one reference "
             "just become writable again?",
             s1.cowcopied - s0.cowcopied, s1.cowreused - s0.cowreused);
    for (i = 0; i < NPAGES; i++)
        if (*word(heap, i) != (i == 9 || i == 11 ? -i : i))
            fail("the parent reads %d in heap page %d", *word(heap, i), i);
    close(tochild[1]);
    close(toparent[0]);
    sbrk(-NPAGES * PAGE);
}

// With more than half of the free memory in use, an eager fork cannot
// even copy once; with copy-on-write, four children live at once.
static void t_many(void)
{
    struct vmstats s0 = stats();
    int pages = s0.freepages * 3 / 5;
    int pids[4], go[2], i, k, sum;
    char *heap = grow(pages);

    if (pipe(go) < 0)
        fail("pipe failed");
    for (k = 0; k < 4; k++) {
        pids[k] = fork();
        if (pids[k] < 0)
            fail("fork %d of a process using %d pages failed (%d pages were free before)",
                 k + 1, pages, s0.freepages);
        if (pids[k] == 0) {
            close(go[1]);               // so that the parent's end is the last
            sum = 0;
            for (i = 0; i < pages; i++)
                sum += *word(heap, i) == i;
            if (sum != pages)
                fail("child %d read wrong data in %d pages", k, pages - sum);
            for (i = 0; i < 10; i++)
                *word(heap, k * 10 + i) = -k;
            receive(go[0], 0);          // stay until every child is there
            for (i = 0; i < 40; i++)
                if (*word(heap, i) != (i / 10 == k ? -k : i))
                    fail("child %d reads %d in heap page %d", k, *word(heap, i), i);
            exit(0);
        }
    }
    for (k = 0; k < 4; k++)
        send(go[1]);
    for (k = 0; k < 4; k++)
        reap(pids[k]);
    for (i = 0; i < pages; i++)
        if (*word(heap, i) != i)
            fail("a child's write reached the parent's heap page %d", i);
    close(go[0]);
    close(go[1]);
    sbrk(-pages * PAGE);
}

// Parent and three children all write every shared page at once: on
// several cores two processes fault on the same page at the same time,
// and each must still end with a page of its own.
static void t_race(void)
{
    int pids[3], go[2], i, k, round, me;
    char *heap = grow(64);

    if (pipe(go) < 0)
        fail("pipe failed");
    me = 0;
    for (k = 0; k < 3; k++) {
        pids[k] = fork();
        if (pids[k] < 0)
            fail("fork failed");
        if (pids[k] == 0) {
            close(go[1]);
            me = k + 1;
            receive(go[0], 0);          // start together
            break;
        }
    }
    if (me == 0)
        for (k = 0; k < 3; k++)
            send(go[1]);
    for (round = 0; round < 3; round++) {
        for (i = 0; i < 64; i++)
            *word(heap, i) = me * 1000 + round * 100 + i;
        for (i = 0; i < 64; i++)
            if (*word(heap, i) != me * 1000 + round * 100 + i)
                fail("process %d reads %d in heap page %d", me, *word(heap, i), i);
    }
    if (me != 0)
        exit(0);
    for (k = 0; k < 3; k++)
        reap(pids[k]);
    close(go[0]);
    close(go[1]);
    sbrk(-64 * PAGE);
}

// The kernel writes into shared pages too (copyout): read() from a pipe,
// pipe(), wait() and fstat() into copy-on-write pages must copy them
// first, and the other process must not see the data.
static void t_syscalls(void)
{
    struct vmstats s0, s1;
    struct stat *st;
    int fds[2], pid, grandchild, *fdp, dir;
    int *status;
    char *heap = grow(4);

    memset(heap + PAGE, 'P', PAGE);
    if (pipe(fds) < 0)
        fail("pipe failed");
    s0 = stats();
    pid = fork();
    if (pid < 0)
        fail("fork failed");
    if (pid == 0) {
        if (read(fds[0], heap + PAGE + 100, 5) != 5 || memcmp(heap + PAGE + 100, "hello", 5) != 0)
            fail("read() into a shared page did not deliver the bytes");
        if (heap[PAGE + 99] != 'P' || heap[PAGE + 105] != 'P')
            fail("read() into a shared page lost the rest of the page");
        fdp = (int *)(heap + 2 * PAGE + 8);
        if (pipe(fdp) < 0 || fdp[0] < 3 || fdp[1] < 3)
            fail("pipe() into a shared page failed");
        close(fdp[0]);
        close(fdp[1]);
        st = (struct stat *)(heap + 3 * PAGE + 16);
        dir = open("/", O_RDONLY);
        if (dir < 0 || fstat(dir, st) < 0 || st->type != T_DIR)
            fail("fstat() into a shared page failed");
        close(dir);
        grandchild = fork();
        if (grandchild == 0)
            exit(7);
        status = word(heap, 0) + 1;
        if (waitpid(grandchild, status, 0) != grandchild || *status != 7)
            fail("wait() into a shared page did not deliver the status");
        exit(0);
    }
    if (write(fds[1], "hello", 5) != 5)
        fail("pipe write failed");
    status = (int *)(heap + 3 * PAGE + 4);
    if (waitpid(pid, status, 0) != pid)
        fail("wait failed");
    if (*status != 0)
        exit(1);                        // the child has said what went wrong
    s1 = stats();
    if (heap[PAGE + 100] != 'P' || *word(heap, 2) != 2 || *word(heap, 0) != 0)
        fail("the child's system calls wrote into the parent's pages");
    if (s1.cowcopied - s0.cowcopied < 4)
        fail("only %d pages were copied for the kernel's writes into shared pages",
             s1.cowcopied - s0.cowcopied);
    close(fds[0]);
    close(fds[1]);
    sbrk(-4 * PAGE);
}

struct test {
    char *name;
    void (*fn)(void);
};

static struct test tests[] = {
    {"fork", t_fork},
    {"many", t_many},
    {"race", t_race},
    {"syscalls", t_syscalls},
};

#define NTESTS ((int)(sizeof tests / sizeof tests[0]))

int main(int argc, char **argv)
{
    int i, j, ran = 0;

    for (i = 0; i < NTESTS; i++) {
        for (j = 1; j < argc; j++)
            if (strcmp(argv[j], tests[i].name) == 0)
                break;
        if (argc > 1 && j == argc)
            continue;
        current = tests[i].name;
        flushall();                 // nothing buffered may be printed twice
        tests[i].fn();
        printf("cowtest %s: OK\n", current);
        ran++;
    }
    if (ran == 0) {
        fprintf(stderr, "usage: cowtest [fork | many | race | syscalls]...\n");
        return 2;
    }
    return 0;
}
