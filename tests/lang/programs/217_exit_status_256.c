#include <stdio.h>

int main(void)
{
    printf("256 wraps to 0\n");
    return 256;
}
