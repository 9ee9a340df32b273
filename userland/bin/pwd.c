// pwd: print the current directory.
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    char cwd[128];
    if (getcwd(cwd, sizeof cwd) < 0) {
        fprintf(stderr, "pwd: cannot find the current directory\n");
        return 1;
    }
    printf("%s\n", cwd);
    return 0;
}
