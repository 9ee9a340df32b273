#include <stdio.h>

/* C99: reaching the end of main returns 0. */
int main(void)
{
    printf("no return statement\n");
}
