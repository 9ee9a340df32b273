#include <stdio.h>

struct inner { short a; char b; };
struct outer { struct inner in[3]; char tail; };

int main(void)
{
    printf("%d\n", (int)sizeof(struct inner));
    printf("%d\n", (int)sizeof(struct outer));
    printf("%d\n", (int)sizeof(struct inner[5]));
    printf("%d\n", (int)sizeof(int[2][3][4]));
    struct outer o;
    printf("%d %d\n", (int)sizeof o.in, (int)sizeof o.in[1].b);
    printf("%d\n", (int)sizeof(union { char c[7]; short s; }));
    int m[4][6];
    printf("%d %d %d\n", (int)sizeof m, (int)sizeof m[0], (int)sizeof m[0][0]);
    return 0;
}
