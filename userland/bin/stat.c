// stat: show what the file system knows about files.
#include <stdio.h>
#include <unistd.h>

static char *type_name(int t)
{
    if (t == T_DIR)
        return "directory";
    if (t == T_FILE)
        return "regular file";
    if (t == T_DEVICE)
        return "device";
    return "unknown";
}

int main(int argc, char **argv)
{
    struct stat st;
    int i, status = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: stat FILE...\n");
        return 1;
    }
    for (i = 1; i < argc; i++) {
        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "stat: cannot stat '%s': No such file or directory\n", argv[i]);
            status = 1;
            continue;
        }
        printf("  File: %s\n", argv[i]);
        printf("  Size: %u\tType: %s\n", st.size, type_name(st.type));
        printf("Device: %d\tInode: %d\tLinks: %d", st.dev, st.ino, st.nlink);
        if (st.type == T_DEVICE)
            printf("\tDevice type: %d,%d", st.major, st.minor);
        printf("\n");
    }
    return status;
}
