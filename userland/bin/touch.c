// touch: create empty files that do not exist (there are no file times).
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int i, fd, status = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: touch FILE...\n");
        return 1;
    }
    for (i = 1; i < argc; i++) {
        fd = open(argv[i], O_RDONLY);
        if (fd < 0)
            fd = open(argv[i], O_WRONLY | O_CREATE);
        if (fd < 0) {
            fprintf(stderr, "touch: cannot touch '%s'\n", argv[i]);
            status = 1;
            continue;
        }
        close(fd);
    }
    return status;
}
