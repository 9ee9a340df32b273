#include <stdio.h>

/* Only the low 8 bits of main's return value reach the parent. */
int main(void)
{
    printf("returning 300\n");
    return 300;
}
