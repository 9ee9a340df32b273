#include <stdio.h>

static int one(void) { return 1; }
static int two(void) { return 2; }

typedef int (*fn)(void);
typedef void (*anyfn)(void);

int main(void)
{
    fn table[4] = {one, two, one, 0};
    int i, ones = 0;
    for (i = 0; table[i]; i++)
        if (table[i] == one)
            ones++;
    printf("%d %d\n", i, ones);
    anyfn g = (anyfn)two;           /* round trip through another function type */
    fn back = (fn)g;
    printf("%d %d\n", back(), back == two);
    printf("%d\n", one != two);
    return 0;
}
