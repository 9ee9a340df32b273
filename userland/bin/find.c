// find: print the paths under directories (default "."), depth first.
// -name PATTERN: only names matching PATTERN (* and ? wildcards).
// -type f|d: only files or directories.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <errno.h>
#include <minos.h>

/* BEGIN SOLUTION util */
static char *pattern;
static int want_type;

static int glob(char *p, char *s)
{
    if (*p == 0)
        return *s == 0;
    if (*p == '*')
        return glob(p + 1, s) || (*s && glob(p, s + 1));
    if (*s && (*p == '?' || *p == *s))
        return glob(p + 1, s + 1);
    return 0;
}

static int walk(char *path)
{
    struct stat st;
    struct dirent *de;
    DIR *dir;
    char child[256], base[64];
    int status = 0;

    if (stat(path, &st) < 0) {
        fprintf(stderr, "find: '%s': %s\n", path, strerror(errno));
        return 1;
    }
    basename_of(path, base, sizeof base);
    if ((!pattern || glob(pattern, base)) && (!want_type || want_type == st.type))
        printf("%s\n", path);
    if (st.type != T_DIR)
        return 0;
    if ((dir = opendir(path)) == 0) {
        fprintf(stderr, "find: '%s': %s\n", path, strerror(errno));
        return 1;
    }
    while ((de = readdir(dir)) != 0) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        path_join(child, sizeof child, path, de->d_name);
        status |= walk(child);
    }
    closedir(dir);
    return status;
}

int main(int argc, char **argv)
{
    int i = 1, first, status = 0;

    first = i;
    while (i < argc && argv[i][0] != '-')
        i++;
    int last = i;
    while (i < argc) {
        if (strcmp(argv[i], "-name") == 0 && i + 1 < argc) {
            pattern = argv[i + 1];
        } else if (strcmp(argv[i], "-type") == 0 && i + 1 < argc) {
            if (strcmp(argv[i + 1], "f") == 0)
                want_type = T_FILE;
            else if (strcmp(argv[i + 1], "d") == 0)
                want_type = T_DIR;
            else
                die("find: unknown type '%s'", argv[i + 1]);
        } else {
            die("find: unknown predicate '%s'", argv[i]);
        }
        i += 2;
    }
    if (first == last)
        return walk(".");
    for (i = first; i < last; i++)
        status |= walk(argv[i]);
    return status;
}
/* END SOLUTION util */
/* STUB util
// Lab util: print the paths under the given directories whose names
// match -name PATTERN (and -type f|d), walking directories recursively.
// See labs/util/README.md. Until you write it, it only says so.
int main(int argc, char **argv)
{
    fprintf(stderr, "find: not implemented\n");
    return 1;
}
*/
