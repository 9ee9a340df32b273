#include <stdio.h>

static void set(int *p, int v) { *p = v; }

struct box { int a, b; };

int main(void)
{
    int x = 1;
    int *p = &x;
    *p = 2;
    printf("%d\n", x);
    set(&x, 3);
    printf("%d\n", x);
    int arr[4] = {0, 0, 0, 0};
    int *q = &arr[2];
    arr[2] = 5;
    *q += 1;
    printf("%d\n", arr[2]);
    int i, sum = 0;
    for (i = 0; i < 3; i++) {
        sum += x;
        *p += 10;               /* x changes every iteration */
    }
    printf("%d %d\n", sum, x);
    struct box b = {1, 2};
    int *pb = &b.b;
    *pb = 20;
    b.a = *pb + 1;
    printf("%d %d\n", b.a, b.b);
    char buf[4] = "abc";
    char *c = buf;
    c[1] = 'X';
    printf("%s %c\n", buf, buf[1]);
    return 0;
}
