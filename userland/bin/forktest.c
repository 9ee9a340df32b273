// forktest: fork as many processes as the kernel allows, check that fork
// fails cleanly at the limit, then wait for them all.
#include <stdio.h>
#include <unistd.h>

#define N 1000

int main(void)
{
    int n, pid;

    printf("fork test\n");
    for (n = 0; n < N; n++) {
        pid = fork();
        if (pid < 0)
            break;
        if (pid == 0)
            _exit(0);
    }
    if (n == N) {
        printf("forktest: fork claimed to work %d times!\n", N);
        return 1;
    }
    for (; n > 0; n--) {
        if (wait(0) < 0) {
            printf("forktest: wait stopped early\n");
            return 1;
        }
    }
    if (wait(0) != -1) {
        printf("forktest: wait got too many\n");
        return 1;
    }
    printf("fork test OK\n");
    return 0;
}
