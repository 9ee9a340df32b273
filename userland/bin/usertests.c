// usertests: exercise the kernel's system calls, their error paths and
// the isolation between processes and the kernel, from the inside.
//
// Each test runs in a child process, so a test that crashes the process
// (on purpose or not) cannot take the others down. A test prints what
// went wrong and exits non-zero. `usertests NAME...` runs only those
// tests. The last line is "ALL TESTS PASSED" only when every test passed.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KERNEL_ADDR ((char *)0x10000)     // kernel image: ring 0 only
#define BAD_ADDR    ((char *)0xF0000000)  // the console registers
#define LOW_ADDR    ((char *)0x1000)      // below user space: unmapped for users

static char *current;

static void fail(char *what)
{
    printf("  %s: %s\n", current, what);
    flushall();
    _exit(1);
}

#define check(cond, what) do { if (!(cond)) fail(what); } while (0)

// Runs fn in a child; returns its exit status (-1 when the kernel killed it).
static int in_child(void (*fn)(void))
{
    int pid, st = 0;
    flushall();
    pid = fork();
    if (pid < 0)
        return -2;
    if (pid == 0) {
        fn();
        _exit(0);
    }
    if (waitpid(pid, &st, 0) != pid)
        return -2;
    return st;
}

// ---- processes ----

static void t_exitstatus(void)
{
    int pid, st;
    pid = fork();
    check(pid >= 0, "fork failed");
    if (pid == 0)
        _exit(42);
    check(wait(&st) == pid, "wait returned the wrong pid");
    check(st == 42, "wrong exit status");
    check(wait(&st) == -1, "wait without children must fail");
}

static void t_getpid(void)
{
    int parent = getpid(), pid, st = 0;
    check(parent > 1, "getpid");
    pid = fork();
    if (pid == 0)
        _exit(getppid() == parent ? 0 : 1);
    waitpid(pid, &st, 0);
    check(st == 0, "the child's getppid is not its parent");
}

// A child that waits until the parent writes to (or closes) the pipe:
// no race with the clock on any number of cores.
static int blocked_child(int p[2], int status)
{
    char c;
    int pid;
    check(pipe(p) == 0, "pipe");
    pid = fork();
    check(pid >= 0, "fork");
    if (pid == 0) {
        close(p[1]);
        read(p[0], &c, 1);
        _exit(status);
    }
    close(p[0]);
    return pid;
}

static void t_waitpid(void)
{
    int a, b, st, p[2];
    a = blocked_child(p, 1);
    b = fork();
    if (b == 0)
        _exit(2);
    check(waitpid(b, &st, 0) == b && st == 2, "waitpid for the second child");
    check(waitpid(a, &st, WNOHANG) == 0, "WNOHANG must return 0 while the child runs");
    close(p[1]);
    check(waitpid(a, &st, 0) == a && st == 1, "waitpid for the first child");
    check(waitpid(12345, &st, 0) == -1, "waitpid of a stranger must fail");
}

static void t_kill(void)
{
    int pid, st = 0;
    pid = fork();
    if (pid == 0) {
        for (;;)
            sleep(1);
    }
    sleep(2);
    check(kill(pid) == 0, "kill failed");
    check(waitpid(pid, &st, 0) == pid, "wait for the killed child");
    check(st == -1, "a killed process exits with -1");
    check(kill(pid) == -1, "kill of a dead process must fail");
    check(kill(-5) == -1, "kill of a negative pid must fail");
}

static void t_pgid(void)
{
    int pid, st = 0, p[2];
    check(setpgid(0, 0) == 0 && getpgid(0) == getpid(), "setpgid(0, 0)");
    pid = blocked_child(p, 0);
    check(getpgid(pid) == getpid(), "a child starts in its parent's group");
    check(setpgid(pid, pid) == 0 && getpgid(pid) == pid, "setpgid of a child");
    check(setpgid(1, 5) == -1, "setpgid of a stranger must fail");
    close(p[1]);
    waitpid(pid, &st, 0);
    check(getpgid(pid) == -1, "getpgid of a dead process must fail");
}

static void t_forkmany(void)
{
    int i, pid, n = 0, st;
    for (i = 0; i < 20; i++) {
        pid = fork();
        check(pid >= 0, "fork failed");
        if (pid == 0)
            _exit(i);
    }
    while ((pid = wait(&st)) > 0)
        n++;
    check(n == 20, "did not collect 20 children");
}

static void t_exec(void)
{
    char *argv[] = {"echo", "exec", "works", 0};
    int pid, st = 0;
    check(exec("/no/such/program", argv) == -1, "exec of a missing file");
    check(exec((char *)KERNEL_ADDR, argv) == -1, "exec with a kernel path pointer");
    check(exec("/bin/echo", (char **)KERNEL_ADDR) == -1, "exec with a kernel argv");
    pid = fork();
    if (pid == 0) {
        close(1);
        open("ut.exec", O_CREATE | O_WRONLY | O_TRUNC);
        exec("/bin/echo", argv);
        _exit(99);
    }
    waitpid(pid, &st, 0);
    check(st == 0, "exec'd echo failed");
    {
        char buf[32];
        int fd = open("ut.exec", O_RDONLY), n;
        check(fd >= 0, "echo's output file");
        n = read(fd, buf, sizeof buf - 1);
        close(fd);
        unlink("ut.exec");
        check(n == 11 && memcmp(buf, "exec works\n", 11) == 0, "echo's output");
    }
}

// ---- memory ----

static void t_sbrk(void)
{
    char *a, *b;
    int i;
    a = sbrk(0);
    b = sbrk(8192);
    check(a == b, "sbrk returns the old break");
    for (i = 0; i < 8192; i++)
        b[i] = i;
    for (i = 0; i < 8192; i++)
        check(b[i] == (char)i, "heap memory lost a byte");
    check(sbrk(-8192) == a + 8192, "sbrk shrink");
    check(sbrk(0) == a, "break after shrinking");
    // More than the RAM: fails, or with lazy allocation (lab pgtbl)
    // succeeds without taking memory. Into the stack it fails either way.
    b = sbrk(0x7FFFFFFF);
    check(sbrk(0x7FFFFFFF) == (char *)-1, "an sbrk into the stack must fail");
    if (b != (char *)-1)
        check(sbrk(-0x7FFFFFFF) == a + 0x7FFFFFFF, "shrinking a huge heap");
    check(sbrk(0) == a, "a failed sbrk must not move the break");
}

static void t_malloc(void)
{
    char *p[64];
    int i;
    for (i = 0; i < 64; i++) {
        p[i] = malloc(1000 + i);
        check(p[i] != 0, "malloc");
        memset(p[i], i, 1000 + i);
    }
    for (i = 0; i < 64; i++) {
        check(p[i][999] == i, "malloc'd memory overlaps");
        free(p[i]);
    }
}

static void t_forkcopy(void)
{
    static int shared = 1;
    int pid, st = 0;
    pid = fork();
    if (pid == 0) {
        shared = 2;
        _exit(shared == 2 ? 0 : 1);
    }
    waitpid(pid, &st, 0);
    check(st == 0, "the child could not write its copy");
    check(shared == 1, "the child's write reached the parent");
}

// ---- isolation: each of these must be killed by the kernel ----

static void c_readkernel(void) { volatile int x = *(int *)KERNEL_ADDR; (void)x; }
static void c_writekernel(void) { *(int *)KERNEL_ADDR = 1; }
static void c_nullptr(void) { volatile int x = *(int *)0; (void)x; }
static void c_writetext(void) { *(int *)(void *)t_sbrk = 0; }
static void c_device(void) { *(int *)BAD_ADDR = 'X'; }
static void c_execdata(void)
{
    static int code[4];
    void (*f)(void) = (void (*)(void))(void *)code;
    f();
}

static void t_isolation(void)
{
    check(in_child(c_readkernel) == -1, "reading kernel memory was allowed");
    check(in_child(c_writekernel) == -1, "writing kernel memory was allowed");
    check(in_child(c_nullptr) == -1, "a null pointer read was allowed");
    check(in_child(c_writetext) == -1, "writing program text was allowed");
    check(in_child(c_device) == -1, "writing a device register was allowed");
    check(in_child(c_execdata) == -1, "executing data was allowed");
}

static void t_badpointers(void)
{
    int fd, p[2];
    struct stat st;
    check(write(1, KERNEL_ADDR, 10) == -1, "write from kernel memory");
    check(write(1, LOW_ADDR, 10) == -1, "write from unmapped memory");
    fd = open("ut.bad", O_CREATE | O_RDWR);
    check(fd >= 0, "create");
    check(write(fd, "abc", 3) == 3, "write");
    close(fd);
    fd = open("ut.bad", O_RDONLY);
    check(read(fd, KERNEL_ADDR, 3) == -1, "read into kernel memory");
    check(read(fd, BAD_ADDR, 3) == -1, "read into device memory");
    check(fstat(fd, (struct stat *)KERNEL_ADDR) == -1, "fstat into kernel memory");
    check(fstat(fd, &st) == 0 && st.size == 3, "fstat");
    close(fd);
    unlink("ut.bad");
    check(open((char *)KERNEL_ADDR, O_RDONLY) == -1, "open with a kernel path");
    check(pipe((int *)KERNEL_ADDR) == -1, "pipe into kernel memory");
    check(pipe(p) == 0, "pipe");
    close(p[0]);
    close(p[1]);
    check(getcwd(KERNEL_ADDR, 64) == -1, "getcwd into kernel memory");
    check(wait((int *)KERNEL_ADDR) == -1, "wait into kernel memory (no children)");
}

// ---- files ----

static void t_files(void)
{
    char buf[64];
    struct stat st;
    int fd, n;

    fd = open("ut.f", O_CREATE | O_RDWR | O_TRUNC);
    check(fd >= 0, "create");
    check(write(fd, "hello, world", 12) == 12, "write");
    close(fd);
    check(stat("ut.f", &st) == 0 && st.type == T_FILE && st.size == 12, "stat");
    fd = open("ut.f", O_RDONLY);
    n = read(fd, buf, sizeof buf);
    check(n == 12 && memcmp(buf, "hello, world", 12) == 0, "read back");
    check(read(fd, buf, sizeof buf) == 0, "read at end of file");
    check(write(fd, "x", 1) == -1, "write to a read-only descriptor");
    close(fd);
    fd = open("ut.f", O_WRONLY | O_APPEND);
    check(write(fd, "!", 1) == 1, "append");
    close(fd);
    check(stat("ut.f", &st) == 0 && st.size == 13, "size after append");
    fd = open("ut.f", O_WRONLY | O_TRUNC);
    close(fd);
    check(stat("ut.f", &st) == 0 && st.size == 0, "size after O_TRUNC");
    check(unlink("ut.f") == 0, "unlink");
    check(open("ut.f", O_RDONLY) == -1, "open after unlink");
    check(unlink("ut.f") == -1, "unlink twice");
    check(open("no/such/dir/file", O_CREATE | O_RDWR) == -1, "create in a missing directory");
}

static void t_bigfile(void)
{
    static char block[4096];
    int fd, i, n;
    fd = open("ut.big", O_CREATE | O_RDWR | O_TRUNC);
    for (i = 0; i < 24; i++) {
        memset(block, i, sizeof block);
        check(write(fd, block, sizeof block) == sizeof block, "write a block");
    }
    close(fd);
    fd = open("ut.big", O_RDONLY);
    for (i = 0; i < 24; i++) {
        n = read(fd, block, sizeof block);
        check(n == sizeof block && block[0] == i && block[4095] == i, "read a block back");
    }
    close(fd);
    unlink("ut.big");
}

static void t_dirs(void)
{
    char cwd[128];
    int fd;
    check(mkdir("ut.d") == 0, "mkdir");
    check(mkdir("ut.d") == -1, "mkdir of an existing name");
    check(mkdir("ut.d/sub") == 0, "mkdir inside");
    fd = open("ut.d/sub/f", O_CREATE | O_WRONLY);
    check(fd >= 0, "create inside");
    close(fd);
    check(open("ut.d", O_WRONLY) == -1, "a directory opened for writing");
    check(unlink("ut.d") == -1, "unlink of a non-empty directory");
    check(chdir("ut.d/sub") == 0, "chdir");
    check(getcwd(cwd, sizeof cwd) >= 0, "getcwd");
    check(strlen(cwd) >= 8 && strcmp(cwd + strlen(cwd) - 8, "ut.d/sub") == 0, "getcwd's answer");
    check(open("f", O_RDONLY) >= 0, "a relative path after chdir");
    check(chdir("../..") == 0, "chdir ..");
    check(chdir("ut.d/sub/f") == -1, "chdir into a file");
    check(unlink("ut.d/sub/f") == 0 && unlink("ut.d/sub") == 0 && unlink("ut.d") == 0,
          "removing the tree");
}

static void t_links(void)
{
    struct stat st;
    int fd;
    fd = open("ut.l1", O_CREATE | O_WRONLY);
    write(fd, "x", 1);
    close(fd);
    check(link("ut.l1", "ut.l2") == 0, "link");
    check(stat("ut.l2", &st) == 0 && st.nlink == 2, "nlink after link");
    check(link("ut.l1", "ut.l2") == -1, "link onto an existing name");
    check(link("ut.nothere", "ut.l3") == -1, "link of a missing file");
    check(unlink("ut.l1") == 0, "unlink the first name");
    check(stat("ut.l2", &st) == 0 && st.nlink == 1 && st.size == 1, "the second name survives");
    unlink("ut.l2");
}

static void t_fds(void)
{
    int fds[32], n = 0, i, d;
    check(read(99, 0, 0) == -1 && read(-1, 0, 0) == -1, "read of a bad descriptor");
    check(close(99) == -1 && close(-1) == -1, "close of a bad descriptor");
    check(dup(99) == -1, "dup of a bad descriptor");
    check(dup2(99, 5) == -1 && dup2(1, 99) == -1, "dup2 with a bad descriptor");
    while (n < 32 && (fds[n] = open("/", O_RDONLY)) >= 0)
        n++;
    check(n < 32, "open never ran out of descriptors");
    for (i = 0; i < n; i++)
        close(fds[i]);
    d = dup(1);
    check(d >= 0 && close(d) == 0, "dup after closing");
}

static void t_pipe(void)
{
    char buf[100];
    int p[2], pid, i, n, total = 0, st = 0;
    check(pipe(p) == 0, "pipe");
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        for (i = 0; i < 100; i++) {
            memset(buf, i, sizeof buf);
            if (write(p[1], buf, sizeof buf) != sizeof buf)
                _exit(1);
        }
        _exit(0);
    }
    close(p[1]);
    while ((n = read(p[0], buf, 37)) > 0) {
        for (i = 0; i < n; i++)
            check(buf[i] == (char)((total + i) / 100), "pipe data out of order");
        total += n;
    }
    close(p[0]);
    waitpid(pid, &st, 0);
    check(total == 10000 && st == 0, "lost pipe data");
    check(pipe(p) == 0, "pipe");
    close(p[0]);
    check(write(p[1], "x", 1) == -1, "write to a pipe without readers");
    close(p[1]);
}

static void t_leak(void)
{
#ifdef SYS_sysinfo
    struct sysinfo before, after;
    int i, pid, st;
    char *argv[] = {"true", 0};
    check(sysinfo(&before) == 0, "sysinfo");
    for (i = 0; i < 10; i++) {
        pid = fork();
        if (pid == 0) {
            sbrk(20000);
            exec("/bin/true", argv);
            _exit(1);
        }
        waitpid(pid, &st, 0);
    }
    check(sysinfo(&after) == 0, "sysinfo");
    if (after.freepages != before.freepages) {
        printf("  leak: %d free pages before, %d after\n", before.freepages, after.freepages);
        fail("pages leaked");
    }
#else
    fail("needs the sysinfo system call (lab syscall)");
#endif
}

struct test {
    char *name;
    void (*fn)(void);
};

static struct test tests[] = {
    {"exitstatus", t_exitstatus},
    {"getpid", t_getpid},
    {"waitpid", t_waitpid},
    {"kill", t_kill},
    {"pgid", t_pgid},
    {"forkmany", t_forkmany},
    {"exec", t_exec},
    {"sbrk", t_sbrk},
    {"malloc", t_malloc},
    {"forkcopy", t_forkcopy},
    {"isolation", t_isolation},
    {"badpointers", t_badpointers},
    {"files", t_files},
    {"bigfile", t_bigfile},
    {"dirs", t_dirs},
    {"links", t_links},
    {"fds", t_fds},
    {"pipe", t_pipe},
    {"leak", t_leak},
};

#define NTESTS ((int)(sizeof tests / sizeof tests[0]))

static int wanted(int argc, char **argv, char *name)
{
    int i;
    if (argc < 2)
        return 1;
    for (i = 1; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    int i, st, failed = 0, ran = 0;

    printf("usertests starting\n");
    for (i = 0; i < NTESTS; i++) {
        if (!wanted(argc, argv, tests[i].name))
            continue;
        ran++;
        current = tests[i].name;
        printf("test %s: ", current);
        flushall();
        st = in_child(tests[i].fn);
        if (st == 0) {
            printf("OK\n");
        } else {
            printf("FAILED (status %d)\n", st);
            failed++;
        }
    }
    if (ran == 0) {
        fprintf(stderr, "usertests: no such test\n");
        return 2;
    }
    if (failed) {
        printf("%d of %d tests FAILED\n", failed, ran);
        return 1;
    }
    printf("ALL TESTS PASSED\n");
    return 0;
}
