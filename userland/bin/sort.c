// sort: sort lines. -r: reverse. -n: by leading number.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minos.h>

static int reverse, numeric;
static char **lines;
static int nlines, cap;

static int compare(const void *a, const void *b)
{
    char *x = *(char **)a, *y = *(char **)b;
    int r;
    if (numeric) {
        int nx = atoi(x), ny = atoi(y);
        r = nx < ny ? -1 : nx > ny ? 1 : strcmp(x, y);
    } else {
        r = strcmp(x, y);
    }
    return reverse ? -r : r;
}

static void read_lines(int fd)
{
    char *line = 0;
    size_t lcap = 0;
    int n;
    while ((n = getline(&line, &lcap, fd)) >= 0) {
        if (n > 0 && line[n - 1] == '\n')
            line[n - 1] = 0;
        if (nlines == cap) {
            cap = cap ? cap * 2 : 64;
            lines = realloc(lines, cap * sizeof(char *));
            if (lines == 0)
                die("sort: out of memory");
        }
        lines[nlines++] = xstrdup(line);
    }
    free(line);
}

int main(int argc, char **argv)
{
    int i = 1, fd;
    char *p;

    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        for (p = argv[i] + 1; *p; p++) {
            if (*p == 'r')
                reverse = 1;
            else if (*p == 'n')
                numeric = 1;
            else
                die("sort: invalid option -- '%c'", *p);
        }
        i++;
    }
    if (i >= argc)
        read_lines(stdin);
    for (; i < argc; i++) {
        fd = open(argv[i], O_RDONLY);
        if (fd < 0)
            die("sort: cannot read: %s: No such file or directory", argv[i]);
        read_lines(fd);
        fclose(fd);
    }
    qsort(lines, nlines, sizeof(char *), compare);
    for (i = 0; i < nlines; i++)
        printf("%s\n", lines[i]);
    return 0;
}
