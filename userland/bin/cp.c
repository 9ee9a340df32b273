// cp: copy files. cp SRC DEST, or cp SRC... DIR to copy into a directory.
#include <stdio.h>
#include <unistd.h>
#include <minos.h>

static char buf[4096];

static int is_dir(char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && st.type == T_DIR;
}

static int copy(char *src, char *dst)
{
    int in, out, n, status = 0;

    if (is_dir(src)) {
        fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", src);
        return 1;
    }
    in = open(src, O_RDONLY);
    if (in < 0) {
        fprintf(stderr, "cp: cannot stat '%s': No such file or directory\n", src);
        return 1;
    }
    out = open(dst, O_WRONLY | O_CREATE | O_TRUNC);
    if (out < 0) {
        fprintf(stderr, "cp: cannot create regular file '%s'\n", dst);
        close(in);
        return 1;
    }
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (writeall(out, buf, n) < 0) {
            fprintf(stderr, "cp: error writing '%s'\n", dst);
            status = 1;
            break;
        }
    close(in);
    close(out);
    return status;
}

int main(int argc, char **argv)
{
    char base[64], target[256];
    int i, status = 0;

    if (argc < 3)
        die("usage: cp SRC DEST  or  cp SRC... DIR");
    if (is_dir(argv[argc - 1])) {
        for (i = 1; i < argc - 1; i++) {
            basename_of(argv[i], base, sizeof base);
            path_join(target, sizeof target, argv[argc - 1], base);
            status |= copy(argv[i], target);
        }
        return status;
    }
    if (argc != 3)
        die("cp: target '%s' is not a directory", argv[argc - 1]);
    return copy(argv[1], argv[2]);
}
