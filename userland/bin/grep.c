// grep: print lines that match a pattern.
// Patterns: fixed text plus the simple regular expressions
//   .  any character     c*  zero or more c (c may be .)
//   ^  start of line     $   end of line
// Options: -v (lines that do not match), -c (count only), -n (line
// numbers), -i (ignore case). Exit status 0 if a line matched, 1 if none,
// 2 on error.
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <stdlib.h>
#include <unistd.h>
#include <minos.h>

static int invert, count_only, numbers, nocase;

static int same(int p, int c)
{
    if (nocase)
        return tolower(p) == tolower(c);
    return p == c;
}

static int match_here(char *re, char *text);

// c* at the start of re: try every number of c's, fewest first.
static int match_star(int c, char *re, char *text)
{
    for (;;) {
        if (match_here(re, text))
            return 1;
        if (*text == 0 || *text == '\n' || !(c == '.' || same(c, *text)))
            return 0;
        text++;
    }
}

static int match_here(char *re, char *text)
{
    if (re[0] == 0)
        return 1;
    if (re[1] == '*')
        return match_star(re[0], re + 2, text);
    if (re[0] == '$' && re[1] == 0)
        return *text == 0 || *text == '\n';
    if (*text && *text != '\n' && (re[0] == '.' || same(re[0], *text)))
        return match_here(re + 1, text + 1);
    return 0;
}

static int match(char *re, char *text)
{
    if (re[0] == '^')
        return match_here(re + 1, text);
    do {
        if (match_here(re, text))
            return 1;
    } while (*text++);
    return 0;
}

static int grep_fd(char *re, int fd, char *name, int show_name)
{
    char *line = 0;
    size_t cap = 0;
    int n, lineno = 0, hits = 0;

    while ((n = getline(&line, &cap, fd)) >= 0) {
        lineno++;
        if (match(re, line) == invert)
            continue;
        hits++;
        if (count_only)
            continue;
        if (show_name)
            printf("%s:", name);
        if (numbers)
            printf("%d:", lineno);
        fputs(line, stdout);
        if (n > 0 && line[n - 1] != '\n')
            putchar('\n');
    }
    if (count_only) {
        if (show_name)
            printf("%s:", name);
        printf("%d\n", hits);
    }
    free(line);
    return hits;
}

int main(int argc, char **argv)
{
    int i = 1, fd, hits = 0, status = 0, show_name;
    char *p, *re;

    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        for (p = argv[i] + 1; *p; p++) {
            if (*p == 'v')
                invert = 1;
            else if (*p == 'c')
                count_only = 1;
            else if (*p == 'n')
                numbers = 1;
            else if (*p == 'i')
                nocase = 1;
            else {
                fprintf(stderr, "grep: invalid option -- '%c'\n", *p);
                return 2;
            }
        }
        i++;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: grep [-vcni] PATTERN [FILE...]\n");
        return 2;
    }
    re = argv[i++];
    if (i >= argc)
        return grep_fd(re, stdin, "", 0) ? 0 : 1;
    show_name = argc - i > 1;
    for (; i < argc; i++) {
        fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "grep: %s: No such file or directory\n", argv[i]);
            status = 2;
            continue;
        }
        hits += grep_fd(re, fd, argv[i], show_name);
        fclose(fd);
    }
    if (status)
        return status;
    return hits ? 0 : 1;
}
