#include <stdio.h>

struct pt { int x, y; };
struct seg { struct pt a, b; int color; };

int main(void)
{
    struct seg s = {{1, 2}, {3, 4}, 5};
    struct seg flat = {1, 2, 3, 4, 5};        /* braces elided */
    int m[2][3] = {1, 2, 3, 4, 5, 6};
    struct seg arr[2] = {{{1, 1}, {2, 2}, 7}, {{9, 9}}};
    printf("%d %d %d\n", s.a.y, s.b.x, s.color);
    printf("%d %d\n", flat.b.y, flat.color);
    printf("%d %d\n", m[1][0], m[0][2]);
    printf("%d %d %d\n", arr[0].color, arr[1].a.x, arr[1].color);
    return 0;
}
