#include <stdio.h>

#define A B + 1
#define B C * 2
#define C 10
#define ID(x) x
#define ADD(x, y) ((x) + (y))
#define DOUBLE(x) ADD(x, x)

int main(void)
{
    int self = 5;
#define self self + 1
    printf("%d\n", A);
    printf("%d\n", ID(ID(7)));
    printf("%d\n", DOUBLE(ADD(1, 2)));
    printf("%d\n", self);        /* a macro does not expand inside itself */
    int ID = 3;                  /* a function-like macro name without ( is not expanded */
    printf("%d\n", ID);
    return 0;
}
