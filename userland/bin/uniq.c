// uniq: drop repeated adjacent lines. -c: prefix each with its count.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minos.h>

static int counts;

static void emit(char *line, int n)
{
    if (counts)
        printf("%7d %s", n, line);
    else
        fputs(line, stdout);
}

int main(int argc, char **argv)
{
    char *line = 0, *prev = 0;
    size_t cap = 0;
    int i = 1, fd = stdin, n = 0, len;

    if (i < argc && strcmp(argv[i], "-c") == 0) {
        counts = 1;
        i++;
    }
    if (i < argc) {
        fd = open(argv[i], O_RDONLY);
        if (fd < 0)
            die("uniq: %s: No such file or directory", argv[i]);
    }
    while ((len = getline(&line, &cap, fd)) >= 0) {
        if (line[len - 1] != '\n') {
            line = realloc(line, len + 2);
            line[len] = '\n';
            line[len + 1] = 0;
            cap = len + 2;
        }
        if (prev && strcmp(prev, line) == 0) {
            n++;
            continue;
        }
        if (prev) {
            emit(prev, n);
            free(prev);
        }
        prev = xstrdup(line);
        n = 1;
    }
    if (prev)
        emit(prev, n);
    return 0;
}
