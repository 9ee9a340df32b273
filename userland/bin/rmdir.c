// rmdir: remove empty directories.
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int i, status = 0;
    struct stat st;

    if (argc < 2) {
        fprintf(stderr, "usage: rmdir DIR...\n");
        return 1;
    }
    for (i = 1; i < argc; i++) {
        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "rmdir: failed to remove '%s': No such file or directory\n", argv[i]);
            status = 1;
        } else if (st.type != T_DIR) {
            fprintf(stderr, "rmdir: failed to remove '%s': Not a directory\n", argv[i]);
            status = 1;
        } else if (unlink(argv[i]) < 0) {
            fprintf(stderr, "rmdir: failed to remove '%s': Directory not empty\n", argv[i]);
            status = 1;
        }
    }
    return status;
}
