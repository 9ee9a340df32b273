// rm: remove files. -r: remove directories and everything in them.
// -f: no message about missing files.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <minos.h>

static int force;

static int remove_path(char *path, int recursive)
{
    struct stat st;
    struct dirent de;
    char name[DIRSIZ + 1], child[256];
    int fd, status = 0;

    if (stat(path, &st) < 0) {
        if (force)
            return 0;
        fprintf(stderr, "rm: cannot remove '%s': No such file or directory\n", path);
        return 1;
    }
    if (st.type == T_DIR) {
        if (!recursive) {
            fprintf(stderr, "rm: cannot remove '%s': Is a directory\n", path);
            return 1;
        }
        fd = open(path, O_RDONLY);
        while (fd >= 0 && readdir(fd, &de, name)) {
            if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
                continue;
            path_join(child, sizeof child, path, name);
            status |= remove_path(child, 1);
        }
        if (fd >= 0)
            close(fd);
    }
    if (unlink(path) < 0) {
        fprintf(stderr, "rm: cannot remove '%s'\n", path);
        return 1;
    }
    return status;
}

int main(int argc, char **argv)
{
    int i = 1, recursive = 0, status = 0;
    char *p;

    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        for (p = argv[i] + 1; *p; p++) {
            if (*p == 'r' || *p == 'R')
                recursive = 1;
            else if (*p == 'f')
                force = 1;
            else
                die("rm: invalid option -- '%c'", *p);
        }
        i++;
    }
    if (i >= argc && !force)
        die("usage: rm [-rf] FILE...");
    for (; i < argc; i++)
        status |= remove_path(argv[i], recursive);
    return status;
}
