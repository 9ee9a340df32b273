// cat: copy each file (or standard input, also for "-") to standard output.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[4096];

static int copy(int fd, char *name)
{
    int n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (writeall(stdout, buf, n) < 0) {
            fprintf(stderr, "cat: write error\n");
            return 1;
        }
    if (n < 0) {
        fprintf(stderr, "cat: %s: read error\n", name);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int i, fd, status = 0;

    if (argc < 2)
        return copy(stdin, "-");
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            status |= copy(stdin, "-");
            continue;
        }
        fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "cat: %s: No such file or directory\n", argv[i]);
            status = 1;
            continue;
        }
        status |= copy(fd, argv[i]);
        close(fd);
    }
    return status;
}
