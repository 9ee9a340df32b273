#include <stdio.h>

struct config { int width; int height; char mode; int depth; };

int main(void)
{
    struct config c = { .height = 480, .width = 640 };
    printf("%d %d %d %d\n", c.width, c.height, c.mode, c.depth);
    struct config d = { .mode = 'x', 16 };    /* continues after .mode */
    printf("%c %d %d\n", d.mode, d.depth, d.width);
    struct { struct config inner; int tail; } w = { .inner = { .depth = 8 }, .tail = 1 };
    printf("%d %d\n", w.inner.depth, w.tail);
    return 0;
}
