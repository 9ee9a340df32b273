// tail: the last lines of files (10, or -n N). Keeps the last N lines in
// a ring of strings.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minos.h>

static void tail(int fd, int n)
{
    char **ring;
    char *line = 0;
    size_t cap = 0;
    int count = 0, i;

    if (n == 0)
        return;
    ring = xmalloc(n * sizeof(char *));
    memset(ring, 0, n * sizeof(char *));
    while (getline(&line, &cap, fd) >= 0) {
        free(ring[count % n]);
        ring[count % n] = xstrdup(line);
        count++;
    }
    for (i = count > n ? count - n : 0; i < count; i++) {
        fputs(ring[i % n], stdout);
        free(ring[i % n]);
    }
    free(ring);
    free(line);
}

int main(int argc, char **argv)
{
    int i = 1, n = 10, fd, status = 0;

    if (i < argc && strcmp(argv[i], "-n") == 0) {
        if (i + 1 >= argc || parse_int(argv[i + 1], &n) < 0 || n < 0)
            die("tail: invalid number of lines");
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
        if (parse_int(argv[i] + 1, &n) < 0)
            die("tail: invalid option '%s'", argv[i]);
        i++;
    }
    if (i >= argc) {
        tail(stdin, n);
        return 0;
    }
    for (; i < argc; i++) {
        fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "tail: cannot open '%s' for reading: No such file or directory\n",
                    argv[i]);
            status = 1;
            continue;
        }
        tail(fd, n);
        fclose(fd);
    }
    return status;
}
