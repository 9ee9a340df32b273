#include <stdio.h>

struct rec { int id; char tag[6]; short s; };

int main(void)
{
    struct rec a = {7, "abc", 3};
    struct rec b;
    b = a;                  /* whole-struct copy */
    b.tag[0] = 'X';
    b.id = 8;
    printf("%d %s %d\n", a.id, a.tag, a.s);
    printf("%d %s %d\n", b.id, b.tag, b.s);
    struct rec arr[2];
    arr[1] = a;
    arr[0] = arr[1];
    printf("%d %s\n", arr[0].id, arr[0].tag);
    struct rec *p = &b;
    *p = a;
    printf("%s\n", b.tag);
    return 0;
}
