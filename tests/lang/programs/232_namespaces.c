#include <stdio.h>

/* Tags, members, labels and ordinary identifiers live in separate name spaces. */
struct point { int point; };

int main(void)
{
    struct point point;
    point.point = 3;
    int x = point.point;
    goto x;
x:
    printf("%d\n", x);
    struct value { int value; } value = {9};
    printf("%d\n", value.value);
    enum level { low, high } level = high;
    printf("%d\n", level);
    return 0;
}
