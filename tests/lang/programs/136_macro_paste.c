#include <stdio.h>

#define CAT(a, b) a##b
#define MAKE_GETTER(name) static int get_##name(void) { return name; }
#define FIELD(n) int f##n

static int width = 80, height = 25;
MAKE_GETTER(width)
MAKE_GETTER(height)

struct rec { FIELD(1); FIELD(2); };

int main(void)
{
    int CAT(my, var) = 5;
    printf("%d\n", myvar);
    printf("%d %d\n", get_width(), get_height());
    struct rec r = {1, 2};
    printf("%d\n", r.f1 + r.f2);
    printf("%d\n", CAT(12, 34) + 1);
    return 0;
}
