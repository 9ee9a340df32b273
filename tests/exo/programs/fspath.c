// fspath: one write() and one read() through the Unix library OS's file
// system (libos/unix/fsport.c, kernel/mono's core), each between two
// calls of mark(), where tests/exo/test_exo_fs.py counts the
// instructions and the kernel entries by their number (the machine's
// hooks). The first process of its boot bundle; it halts when done.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[512];

// The measured region lies between two calls of mark(n) (n: which one).
void mark(int n)
{
    asm volatile("" : : "r"(n) : "memory");
}

int main(void)
{
    int fd, w, r;

    memset(buf, 'x', sizeof buf);
    fd = open("measured", O_CREATE | O_RDWR);
    write(fd, buf, sizeof buf);            // (the file's first block is now allocated)
    close(fd);
    fd = open("measured", O_RDWR);
    read(fd, buf, 1);                       // (its inode is now valid in the table)
    mark(1);
    w = write(fd, buf, sizeof buf);         // 512 bytes into the same block: one transaction
    mark(2);
    close(fd);
    fd = open("measured", O_RDONLY);
    read(fd, buf, 1);
    mark(3);
    r = read(fd, buf, sizeof buf);          // from the buffer cache: no disk transfer
    mark(4);
    close(fd);
    printf("fspath: write %d read %d\n", w, r);
    halt(w == sizeof buf && r == sizeof buf ? 0 : 1);
    return 0;
}
