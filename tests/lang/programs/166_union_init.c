#include <stdio.h>

union num { int i; unsigned char b[4]; };
struct holder { char tag; union num n; };

int main(void)
{
    union num a = {0x01020304};         /* initialises the first member */
    union num b = { .b = {1, 2, 3, 4} };
    printf("%d %d\n", a.b[0], a.b[3]);
    printf("%x\n", b.i);
    struct holder h = {'h', {258}};
    printf("%c %d %d\n", h.tag, h.n.b[0], h.n.b[1]);
    printf("%d\n", (int)sizeof(struct holder));
    return 0;
}
