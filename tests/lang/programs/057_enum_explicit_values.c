#include <stdio.h>

enum flags { F_READ = 1, F_WRITE = 2, F_EXEC = 4, F_ALL = F_READ | F_WRITE | F_EXEC };
enum gap { A = 10, B, C = 20, D, E = -3, F };

int main(void)
{
    printf("%d\n", F_ALL);
    printf("%d %d %d %d %d %d\n", A, B, C, D, E, F);
    enum flags f = F_READ | F_EXEC;
    printf("%d %d\n", (f & F_WRITE) != 0, (f & F_EXEC) != 0);
    int arr[D];
    printf("%d\n", (int)(sizeof arr / sizeof arr[0]));
    return 0;
}
