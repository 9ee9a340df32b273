#include <stdio.h>

int main(void)
{
    int a[8] = { [2] = 20, [5] = 50, 60 };
    int i;
    for (i = 0; i < 8; i++)
        printf("%d ", a[i]);
    printf("\n");
    int b[] = { [4] = 1 };
    printf("%d\n", (int)(sizeof b / sizeof b[0]));
    const char *names[4] = { [3] = "three", [1] = "one" };
    printf("%s %s %d\n", names[1], names[3], names[0] == 0);
    struct { int k, v; } kv[3] = { [1] = { .v = 7 }, [2].k = 3 };
    printf("%d %d %d\n", kv[1].v, kv[2].k, kv[0].v);
    return 0;
}
