// head: the first lines of files (10, or -n N).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minos.h>

static void head(int fd, int n)
{
    char *line = 0;
    size_t cap = 0;
    while (n-- > 0 && getline(&line, &cap, fd) >= 0)
        fputs(line, stdout);
    free(line);
}

int main(int argc, char **argv)
{
    int i = 1, n = 10, fd, status = 0;

    if (i < argc && strcmp(argv[i], "-n") == 0) {
        if (i + 1 >= argc || parse_int(argv[i + 1], &n) < 0 || n < 0)
            die("head: invalid number of lines");
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
        if (parse_int(argv[i] + 1, &n) < 0)
            die("head: invalid option '%s'", argv[i]);
        i++;
    }
    if (i >= argc) {
        head(stdin, n);
        return 0;
    }
    for (; i < argc; i++) {
        fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "head: cannot open '%s' for reading: No such file or directory\n",
                    argv[i]);
            status = 1;
            continue;
        }
        head(fd, n);
        fclose(fd);
    }
    return status;
}
