// libctest.c: libc's POSIX parts (tests/userland/test_libc.py): getopt,
// strtol's range checks, opendir/readdir/closedir, strerror and perror
// with the kernel's error numbers. It runs as /bin/libctest and prints
// "ok NAME" or "FAIL NAME" per check, then "LIBCTEST PASSED" or "FAILED".
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <limits.h>
#include <errno.h>
#include <dirent.h>
#include "param.h"

static int failures;

static void check(int cond, char *name)
{
    printf("%s %s\n", cond ? "ok" : "FAIL", name);
    if (!cond)
        failures++;
}

static void reset_getopt(void)
{
    optind = 1;
    opterr = 0;
}

static void test_getopt(void)
{
    char *v1[] = {"prog", "-ab", "-o", "out", "-ninline", "--", "-x", "file", 0};
    char *v2[] = {"prog", "-q", "-o", 0};
    char *v3[] = {"prog", "operand", "-a", 0};
    char seen[16];
    int c, n = 0;
    char *o = 0, *ninline = 0;

    reset_getopt();
    while ((c = getopt(8, v1, "abo:n:")) != -1) {
        seen[n++] = c;
        if (c == 'o')
            o = optarg;
        if (c == 'n')
            ninline = optarg;
    }
    seen[n] = 0;
    check(strcmp(seen, "abon") == 0, "getopt: clustered flags and options with arguments");
    check(o && strcmp(o, "out") == 0 && ninline && strcmp(ninline, "inline") == 0,
          "getopt: optarg from the next argument and from the same one");
    check(optind == 6 && strcmp(v1[optind], "-x") == 0, "getopt: -- ends the options");

    reset_getopt();
    c = getopt(3, v2, "o:");
    check(c == '?' && optopt == 'q', "getopt: unknown option gives '?' and optopt");
    c = getopt(3, v2, ":o:");
    check(c == ':' && optopt == 'o', "getopt: missing argument gives ':' with a leading ':'");

    reset_getopt();
    check(getopt(3, v3, "a") == -1 && optind == 1, "getopt: stops at the first operand");
}

static void test_strtol(void)
{
    char *end;
    long v;

    errno = 0;
    v = strtol("2147483647", &end, 10);
    check(v == LONG_MAX && errno == 0 && *end == 0, "strtol: LONG_MAX fits");
    v = strtol("2147483648", &end, 10);
    check(v == LONG_MAX && errno == ERANGE, "strtol: LONG_MAX + 1 is ERANGE");
    errno = 0;
    v = strtol("-2147483648", &end, 10);
    check(v == LONG_MIN && errno == 0, "strtol: LONG_MIN fits");
    v = strtol("-99999999999", &end, 10);
    check(v == LONG_MIN && errno == ERANGE, "strtol: far below LONG_MIN is ERANGE");
    errno = 0;
    v = strtol("0x7fffffff", &end, 0);
    check(v == LONG_MAX && errno == 0, "strtol: base 0 reads hex");
    v = strtol("12abc", &end, 10);
    check(v == 12 && strcmp(end, "abc") == 0, "strtol: endptr after the digits");
    v = strtol("4294967296", &end, 10);
    check(errno == ERANGE, "strtol: 2^32 is ERANGE");
}

static void test_dirent(void)
{
    DIR *d;
    struct dirent *e;
    int n = 0, dot = 0, has_ls = 0;

    d = opendir("/bin");
    check(d != 0, "opendir of a directory");
    if (d == 0)
        return;
    while ((e = readdir(d)) != 0) {
        n++;
        if (strcmp(e->d_name, ".") == 0)
            dot = 1;
        if (strcmp(e->d_name, "ls") == 0 && e->d_ino > 0)
            has_ls = 1;
    }
    check(dot && has_ls && n > 10, "readdir gives d_name and d_ino of every entry");
    check(readdir(d) == 0, "readdir at the end gives 0 again");
    check(closedir(d) == 0, "closedir");
    check(opendir("/no/such") == 0 && errno == ENOENT, "opendir of a missing path: ENOENT");
    check(opendir("/bin/ls") == 0 && errno == ENOTDIR, "opendir of a file: ENOTDIR");
}

static void test_strerror(void)
{
    check(strcmp(strerror(ENOENT), "No such file or directory") == 0, "strerror(ENOENT)");
    check(strcmp(strerror(E2BIG), "Argument list too long") == 0, "strerror(E2BIG)");
    check(strcmp(strerror(12345), "Unknown error 12345") == 0, "strerror of an unknown number");
}

// perror after five failing calls (the test compares the exact lines).
static void show_perror(void)
{
    char *argv[MAXARG + 2];
    int fds[2], i;

    open("/no/such/file", O_RDONLY);
    perror("open /no/such/file");
    mkdir("/bin");
    perror("mkdir /bin");
    chdir("/bin/ls");
    perror("chdir /bin/ls");
    pipe(fds);
    close(fds[0]);
    write(fds[1], "x", 1);
    perror("write to a pipe with no reader");
    for (i = 0; i <= MAXARG; i++)
        argv[i] = "echo";
    argv[MAXARG + 1] = 0;
    exec("/bin/echo", argv);
    perror("exec with MAXARG+1 arguments");
    wait(0);
    perror("wait without children");
    kill(99999);
    perror("kill 99999");
}

// A parent that does not wait: its child outlives it (waitcheck's test).
static void orphan(void)
{
    if (fork() == 0) {
        sleep(3);
        exit(0);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "orphan") == 0) {
        orphan();
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "perror") == 0) {
        show_perror();
        return 0;
    }
    test_getopt();
    test_strtol();
    test_dirent();
    test_strerror();
    printf(failures ? "LIBCTEST FAILED\n" : "LIBCTEST PASSED\n");
    return failures != 0;
}
