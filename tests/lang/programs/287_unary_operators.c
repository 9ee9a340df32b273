#include <stdio.h>

int main(void)
{
    int x = 5;
    printf("%d %d %d\n", +x, -x, - -x);
    printf("%d %d %d\n", !x, !!x, !!!x);
    printf("%d %d\n", ~x, ~~x);
    printf("%d\n", -(-2147483647 - 1) == -2147483647 - 1);   /* wraps */
    unsigned u = 1;
    printf("%u\n", -u);
    char c = 'a';
    printf("%d %d\n", -c, (int)sizeof(-c));
    int *p = &x;
    printf("%d\n", *&*p);
    printf("%d\n", &*p == p);
    return 0;
}
