#include <stdio.h>

/* A block comment
   spanning lines, with // inside and a * star */
int main(void) // a line comment
{
    int a = 1 /* inline */ + /**/ 2;
    int b = 10; // /* not a block comment start
    int c = a /* comment */ * b;
    printf("%d %d\n", a, c);
    printf("/* not a comment */ // nor this\n");
    /**/ /***/ /* ** / */
    return 0; /* trailing */
}
/* final comment at end of file */
