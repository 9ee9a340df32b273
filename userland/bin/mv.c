// mv: rename files (link the new name, unlink the old one).
// mv SRC DEST, or mv SRC... DIR to move files into a directory.
#include <stdio.h>
#include <unistd.h>
#include <minos.h>

static int is_dir(char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && st.type == T_DIR;
}

static int move(char *src, char *dst)
{
    struct stat st;
    if (stat(src, &st) < 0) {
        fprintf(stderr, "mv: cannot stat '%s': No such file or directory\n", src);
        return 1;
    }
    if (st.type == T_DIR) {
        fprintf(stderr, "mv: cannot move directory '%s'\n", src);
        return 1;
    }
    if (stat(dst, &st) == 0 && st.type != T_DIR)
        unlink(dst);                      // mv replaces an existing file
    if (link(src, dst) < 0 || unlink(src) < 0) {
        fprintf(stderr, "mv: cannot move '%s' to '%s'\n", src, dst);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char base[64], target[256];
    int i, status = 0;

    if (argc < 3)
        die("usage: mv SRC DEST  or  mv SRC... DIR");
    if (is_dir(argv[argc - 1])) {
        for (i = 1; i < argc - 1; i++) {
            basename_of(argv[i], base, sizeof base);
            path_join(target, sizeof target, argv[argc - 1], base);
            status |= move(argv[i], target);
        }
        return status;
    }
    if (argc != 3)
        die("mv: target '%s' is not a directory", argv[argc - 1]);
    return move(argv[1], argv[2]);
}
