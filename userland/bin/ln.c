// ln: make a hard link: ln TARGET LINKNAME.
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: ln TARGET LINKNAME\n");
        return 1;
    }
    if (link(argv[1], argv[2]) < 0) {
        fprintf(stderr, "ln: failed to create hard link '%s' => '%s'\n", argv[2], argv[1]);
        return 1;
    }
    return 0;
}
