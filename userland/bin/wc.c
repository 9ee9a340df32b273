// wc: count lines, words and bytes. -l -w -c choose which (default all).
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minos.h>

static int show_lines, show_words, show_bytes;
static char buf[4096];

// Columns of width 7 separated by a space, then the name if there is one.
static void print_counts(int l, int w, int c, char *name)
{
    char *sep = "";
    if (show_lines) {
        printf("%7d", l);
        sep = " ";
    }
    if (show_words) {
        printf("%s%7d", sep, w);
        sep = " ";
    }
    if (show_bytes)
        printf("%s%7d", sep, c);
    if (*name)
        printf(" %s", name);
    printf("\n");
}

static int total_l, total_w, total_c;

static int count(int fd, char *name)
{
    int n, i, l = 0, w = 0, c = 0, inword = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        c += n;
        for (i = 0; i < n; i++) {
            if (buf[i] == '\n')
                l++;
            if (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r') {
                inword = 0;
            } else if (!inword) {
                w++;
                inword = 1;
            }
        }
    }
    if (n < 0) {
        fprintf(stderr, "wc: %s: read error\n", name);
        return 1;
    }
    print_counts(l, w, c, name);
    total_l += l;
    total_w += w;
    total_c += c;
    return 0;
}

int main(int argc, char **argv)
{
    int i = 1, fd, status = 0, files;
    char *p;

    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        for (p = argv[i] + 1; *p; p++) {
            if (*p == 'l')
                show_lines = 1;
            else if (*p == 'w')
                show_words = 1;
            else if (*p == 'c')
                show_bytes = 1;
            else
                die("wc: invalid option -- '%c'", *p);
        }
        i++;
    }
    if (!show_lines && !show_words && !show_bytes)
        show_lines = show_words = show_bytes = 1;
    if (i >= argc)
        return count(stdin, "");
    files = argc - i;
    for (; i < argc; i++) {
        fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "wc: %s: No such file or directory\n", argv[i]);
            status = 1;
            continue;
        }
        status |= count(fd, argv[i]);
        close(fd);
    }
    if (files > 1)
        print_counts(total_l, total_w, total_c, "total");
    return status;
}
