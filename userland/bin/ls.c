// ls: list directories (or name files). -l: long format with type,
// links, inode and size. -a: also names starting with '.'.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <errno.h>
#include <minos.h>

static int longfmt, all;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char **)a, *(char **)b);
}

static void show(char *name, struct stat *st)
{
    char type = st->type == T_DIR ? 'd' : st->type == T_DEVICE ? 'c' : '-';
    if (longfmt)
        printf("%c %3d %5d %8u %s\n", type, st->nlink, st->ino, st->size, name);
    else
        printf("%s\n", name);
}

static int list_dir(char *path, DIR *dir)
{
    struct dirent *de;
    struct stat st;
    char full[256];
    char **names = 0;
    int n = 0, cap = 0, i;

    while ((de = readdir(dir)) != 0) {
        if (de->d_name[0] == '.' && !all)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = realloc(names, cap * sizeof(char *));
            if (names == 0)
                die("ls: out of memory");
        }
        names[n++] = xstrdup(de->d_name);
    }
    qsort(names, n, sizeof(char *), cmp_names);
    for (i = 0; i < n; i++) {
        memset(&st, 0, sizeof st);
        if (longfmt) {              // only -l needs the inode (one open each)
            path_join(full, sizeof full, path, names[i]);
            stat(full, &st);
        }
        show(names[i], &st);
        free(names[i]);
    }
    free(names);
    return 0;
}

static int list(char *path, int heading)
{
    struct stat st;
    DIR *dir;
    int r;

    if (stat(path, &st) < 0) {
        fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
        return 1;
    }
    if (st.type != T_DIR) {
        show(path, &st);
        return 0;
    }
    if ((dir = opendir(path)) == 0) {
        fprintf(stderr, "ls: cannot open directory '%s': %s\n", path, strerror(errno));
        return 1;
    }
    if (heading)
        printf("%s:\n", path);
    r = list_dir(path, dir);
    closedir(dir);
    return r;
}

int main(int argc, char **argv)
{
    int i, c, status = 0, first;

    while ((c = getopt(argc, argv, "la")) != -1) {
        if (c == 'l')
            longfmt = 1;
        else if (c == 'a')
            all = 1;
        else
            die("usage: ls [-la] [PATH...]");     // getopt named the option
    }
    i = optind;
    if (i >= argc)
        return list(".", 0);
    first = i;
    for (; i < argc; i++) {
        if (i > first && argc - first > 1)
            printf("\n");
        status |= list(argv[i], argc - first > 1);
    }
    return status;
}
