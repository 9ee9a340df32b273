// lazytest: checks lazy allocation of the heap (lab pgtbl) from the inside.
//
//   lazytest [alloc | bounds | syscalls]...     (no name: all three)
//
// sbrk only moves the break; a heap page is allocated when it is first
// touched. The free pages and the vmstats counter lazyalloc
// (kernel/include/syscall.h) show it. Each test prints
// "lazytest NAME: OK", or "lazytest NAME: FAIL: why" and exits 1.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE      4096
#define GUARD     ((char *)0xEFFFA000)   // the page under the 4 stack pages
#define NOWHERE   ((char *)0xA0000000)   // between the heap and the stack

static char *current;

static void fail(const char *fmt, ...)
{
    va_list ap;

    printf("lazytest %s: FAIL: ", current);
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

// The first page boundary at or above the break.
static char *breakpage(void)
{
    unsigned int brk = (unsigned int)sbrk(0);

    return (char *)((brk + PAGE - 1) & ~(PAGE - 1));
}

// Move the break up to a page boundary, so that the next sbrk starts on
// a fresh page (stdio's buffers may sit on the last one).
static void pagealign(void)
{
    if (sbrk(breakpage() - (char *)sbrk(0)) == (char *)-1)
        fail("sbrk failed");
}

// A heap twice as large as the free memory costs nothing until touched;
// touched pages come one by one, read as zeros first, and go back with
// sbrk(-n), page tables too. A child touches pages of its own.
static void t_alloc(void)
{
    struct vmstats s0, s1, s2, s3;
    int pages, step, i, pid, status;
    char *heap;

    pagealign();
    s0 = stats();
    pages = s0.freepages * 2;
    heap = sbrk(pages * PAGE);
    if (heap == (char *)-1)
        fail("sbrk of %d pages (twice the free memory) failed", pages);
    s1 = stats();
    if ((int)(s0.freepages - s1.freepages) > 0 || s1.lazyalloc != s0.lazyalloc)
        fail("sbrk of %d pages took %d pages of memory before any was touched",
             pages, s0.freepages - s1.freepages);
    if (heap[5 * PAGE + 10] != 0)
        fail("an untouched heap page does not read as zeros");
    step = pages / 20;
    for (i = 0; i < 20; i++)
        heap[i * step * PAGE + i] = i + 1;
    s2 = stats();
    if (s2.lazyalloc - s1.lazyalloc != 21)
        fail("touching 21 heap pages allocated %d (vmstats lazyalloc), not 21",
             s2.lazyalloc - s1.lazyalloc);
    // 21 pages, and a page table for each 4 MiB of heap touched
    if ((int)(s1.freepages - s2.freepages) < 21 || (int)(s1.freepages - s2.freepages) > 21 + pages / 1024 + 1)
        fail("touching 21 heap pages took %d pages of memory", s1.freepages - s2.freepages);
    for (i = 0; i < 20; i++)
        if (heap[i * step * PAGE + i] != i + 1)
            fail("heap page %d lost its byte", i * step);
    flushall();
    pid = fork();
    if (pid == 0) {
        heap[7 * PAGE] = 7;                     // a page no one touched yet
        exit(heap[7 * PAGE] == 7 && heap[step * PAGE + 1] == 2 ? 0 : 1);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
        fail("a child could not use the lazy heap it inherited");
    if (heap[7 * PAGE] != 0)
        fail("the child's write to an untouched page reached the parent");
    if (sbrk(-pages * PAGE) == (char *)-1)
        fail("sbrk(-%d pages) failed", pages);
    s3 = stats();
    if (s3.freepages != s0.freepages)
        fail("after sbrk(-n), %d free pages instead of %d", s3.freepages, s0.freepages);
}

// ---- bounds: each of these runs in a child, which must be killed ----

static void c_pastbreak(void) { breakpage()[PAGE] = 1; }
static void c_readpastbreak(void) { (void)*(volatile char *)(breakpage() + 2 * PAGE); }
static void c_guard(void) { GUARD[100] = 1; }
static void c_readguard(void) { (void)*(volatile char *)(GUARD + 100); }
static void c_nowhere(void) { NOWHERE[0] = 1; }
static void c_freed(void)
{
    char *p = sbrk(PAGE);
    p[0] = 1;
    sbrk(-PAGE);
    p[0] = 2;                   // the page is gone (and out of the TLB)
}
static void c_execheap(void)
{
    char *p = sbrk(2 * PAGE);
    void (*f)(void) = (void (*)(void))(void *)(p + PAGE);   // an untouched heap page
    f();
}
static int deep(int n)
{
    volatile char frame[1024];

    frame[0] = n;
    return n == 0 ? 0 : deep(n - 1) + frame[0];
}
static void c_overflow(void) { deep(100); }

struct killer {
    char *what;
    void (*fn)(void);
};

static struct killer killers[] = {
    {"a write past the break", c_pastbreak},
    {"a read past the break", c_readpastbreak},
    {"a write to the stack's guard page", c_guard},
    {"a read of the stack's guard page", c_readguard},
    {"a write between the heap and the stack", c_nowhere},
    {"a write to a heap page sbrk gave back", c_freed},
    {"running code in a heap page", c_execheap},
    {"a stack overflow into the guard page", c_overflow},
};

// Touching what is not heap kills the process (status -1), not the kernel.
static void t_bounds(void)
{
    struct vmstats s0, s1;
    int i, pid, status;

    s0 = stats();
    for (i = 0; i < (int)(sizeof killers / sizeof killers[0]); i++) {
        flushall();
        pid = fork();
        if (pid < 0)
            fail("fork failed");
        if (pid == 0) {
            killers[i].fn();
            exit(0);
        }
        status = 0;
        if (waitpid(pid, &status, 0) != pid || status != -1)
            fail("%s did not kill the process (status %d)", killers[i].what, status);
    }
    s1 = stats();
    if (s1.freepages != s0.freepages)
        fail("%d free pages before the killed children, %d after", s0.freepages, s1.freepages);
}

// System calls read and write untouched heap pages through copyin and
// copyout, which must allocate them; past the break they fail with -1.
static void t_syscalls(void)
{
    struct vmstats s0, s1;
    int fds[2], fd, i;
    char *heap;
    char buf[100];

    pagealign();
    heap = sbrk(4 * PAGE);
    if (heap == (char *)-1)
        fail("sbrk failed");
    if (pipe(fds) < 0)
        fail("pipe failed");
    s0 = stats();
    if (write(fds[1], "lazy!", 5) != 5 || read(fds[0], heap + PAGE + 50, 5) != 5)
        fail("read() into an untouched heap page failed");
    if (memcmp(heap + PAGE + 50, "lazy!", 5) != 0)
        fail("read() into an untouched heap page lost the bytes");
    fd = open("lazy.tmp", O_CREATE | O_RDWR | O_TRUNC);
    if (fd < 0)
        fail("cannot create lazy.tmp");
    if (write(fd, heap + 2 * PAGE, 200) != 200)
        fail("write() from an untouched heap page failed");
    close(fd);
    fd = open("lazy.tmp", O_RDONLY);
    memset(buf, 1, sizeof buf);
    if (fd < 0 || read(fd, buf, 100) != 100)
        fail("cannot read lazy.tmp back");
    for (i = 0; i < 100; i++)
        if (buf[i] != 0)
            fail("an untouched heap page was not written as zeros");
    if (fstat(fd, (struct stat *)(heap + 3 * PAGE + 8)) < 0)
        fail("fstat() into an untouched heap page failed");
    if (read(fd, breakpage() + PAGE, 10) != -1)
        fail("read() past the break did not give -1");
    if (pipe((int *)(GUARD + 8)) != -1)
        fail("pipe() into the stack's guard page did not give -1");
    close(fd);
    unlink("lazy.tmp");
    s1 = stats();
    if (s1.lazyalloc - s0.lazyalloc < 2)
        fail("the kernel's writes to untouched heap pages allocated %d pages (vmstats lazyalloc)",
             s1.lazyalloc - s0.lazyalloc);
    if (heap[0] != 0 || heap[PAGE - 1] != 0)
        fail("heap page 0 is not zeros");
    close(fds[0]);
    close(fds[1]);
    sbrk(-4 * PAGE);
}

struct test {
    char *name;
    void (*fn)(void);
};

static struct test tests[] = {
    {"alloc", t_alloc},
    {"bounds", t_bounds},
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
        flushall();
        tests[i].fn();
        printf("lazytest %s: OK\n", current);
        ran++;
    }
    if (ran == 0) {
        fprintf(stderr, "usage: lazytest [alloc | bounds | syscalls]...\n");
        return 2;
    }
    return 0;
}
