#include <stdio.h>
#include <string.h>

int g;
int *gp;

static void bump_global(void) { g += 5; }
static void bump_through(void) { *gp += 7; }
static int same(int i) { return i; }

union pun { int i; unsigned char b[4]; };

int main(void)
{
    /* A store to a[j] with j == i at run time must be seen by a load of a[i]. */
    int a[4] = {0, 0, 0, 0};
    int i = same(2), j = same(2);
    a[i] = 10;
    a[j] = 20;
    printf("%d\n", a[i]);

    /* A byte store into an int. */
    int x = 0x11223344;
    unsigned char *bp = (unsigned char *)&x;
    int before = x;
    bp[0] = 0xAA;
    printf("%x %x\n", before, x);

    /* memcpy over a struct member. */
    struct { int m, n; } s = {1, 2};
    int m0 = s.m;
    int nine = 9;
    memcpy(&s.m, &nine, sizeof nine);
    printf("%d %d\n", m0, s.m);

    /* A global changed by a call. */
    g = 1;
    int g0 = g;
    bump_global();
    printf("%d %d\n", g0, g);

    /* A local whose address escaped, changed by a call. */
    int local = 100;
    gp = &local;
    int l0 = local;
    bump_through();
    printf("%d %d\n", l0, local);

    /* Union members share storage. */
    union pun u;
    u.i = 0;
    int u0 = u.i;
    u.b[1] = 1;
    printf("%d %d\n", u0, u.i);

    /* Load, store through an alias, load again. */
    int y = 3;
    int *py = &y;
    int y1 = y;
    *py = 4;
    int y2 = y;
    printf("%d %d\n", y1, y2);
    return 0;
}
