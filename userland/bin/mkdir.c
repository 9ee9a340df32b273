// mkdir: make directories. -p: make missing parents too, and do not
// complain about directories that already exist.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int is_dir(char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && st.type == T_DIR;
}

static int exists(char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

// Makes every prefix of path that ends before a '/', then path itself.
static int make_parents(char *path)
{
    char *p;
    for (p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (!is_dir(path) && mkdir(path) < 0) {
            fprintf(stderr, "mkdir: cannot create directory '%s'\n", path);
            *p = '/';
            return 1;
        }
        *p = '/';
    }
    if (is_dir(path))
        return 0;
    if (mkdir(path) < 0) {
        fprintf(stderr, "mkdir: cannot create directory '%s'\n", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int i = 1, parents = 0, status = 0;

    if (i < argc && strcmp(argv[i], "-p") == 0) {
        parents = 1;
        i++;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: mkdir [-p] DIR...\n");
        return 1;
    }
    for (; i < argc; i++) {
        if (parents) {
            status |= make_parents(argv[i]);
        } else if (mkdir(argv[i]) < 0) {
            if (exists(argv[i]))
                fprintf(stderr, "mkdir: cannot create directory '%s': File exists\n", argv[i]);
            else
                fprintf(stderr, "mkdir: cannot create directory '%s'\n", argv[i]);
            status = 1;
        }
    }
    return status;
}
