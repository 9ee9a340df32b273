#include <stdio.h>

struct a { char c; int i; };
struct b { char c; short s; };
struct c { char x, y, z; };
struct d { int i; char c; };
struct e { short s; char c; struct c inner; int k; };
union u { char c[5]; int i; };

int main(void)
{
    int arr[7];
    short grid[3][4];
    printf("%d %d\n", (int)sizeof arr, (int)(sizeof arr / sizeof arr[0]));
    printf("%d %d\n", (int)sizeof grid, (int)sizeof grid[0]);
    printf("%d %d %d %d\n", (int)sizeof(struct a), (int)sizeof(struct b),
           (int)sizeof(struct c), (int)sizeof(struct d));
    printf("%d\n", (int)sizeof(struct e));
    printf("%d\n", (int)sizeof(union u));
    struct a pair[3];
    printf("%d\n", (int)sizeof pair);
    return 0;
}
