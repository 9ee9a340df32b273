#include <stdio.h>

int main(void)
{
    int w;
    for (w = 1; w <= 4; w++)
        printf("[%*d]\n", w, w);
    printf("[%*d]\n", -5, 42);       /* a negative width means left-justify */
    printf("[%-*s]\n", 6, "ab");
    printf("[%*.*d]\n", 6, 4, 42);
    printf("[%.*d]\n", 0, 0);
    return 0;
}
