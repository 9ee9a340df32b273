// rm: remove files. -r: remove directories and everything in them.
// -f: no message about missing files.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <errno.h>
#include <minos.h>

static int force;

static int remove_path(char *path, int recursive)
{
    struct stat st;
    struct dirent *de;
    DIR *dir;
    char child[256];
    int status = 0;

    if (stat(path, &st) < 0) {
        if (force)
            return 0;
        fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
        return 1;
    }
    if (st.type == T_DIR) {
        if (!recursive) {
            fprintf(stderr, "rm: cannot remove '%s': Is a directory\n", path);
            return 1;
        }
        if ((dir = opendir(path)) != 0) {
            while ((de = readdir(dir)) != 0) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                    continue;
                path_join(child, sizeof child, path, de->d_name);
                status |= remove_path(child, 1);
            }
            closedir(dir);
        }
    }
    if (unlink(path) < 0) {
        fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
        return 1;
    }
    return status;
}

int main(int argc, char **argv)
{
    int i, c, recursive = 0, status = 0;

    while ((c = getopt(argc, argv, "rRf")) != -1) {
        if (c == 'r' || c == 'R')
            recursive = 1;
        else if (c == 'f')
            force = 1;
        else
            die("usage: rm [-rf] FILE...");     // getopt named the option
    }
    i = optind;
    if (i >= argc && !force)
        die("usage: rm [-rf] FILE...");
    for (; i < argc; i++)
        status |= remove_path(argv[i], recursive);
    return status;
}
