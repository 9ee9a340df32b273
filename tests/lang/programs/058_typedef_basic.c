#include <stdio.h>

typedef int number;
typedef unsigned char byte;
typedef struct { int re, im; } complex_int;
typedef int vec3[3];
typedef char *string;

int main(void)
{
    number n = 5;
    byte b = 255;
    b++;
    complex_int z = {3, 4};
    vec3 v = {1, 2, 3};
    string s = "typed";
    printf("%d %d %d %d\n", n, b, z.re * z.re + z.im * z.im, v[2]);
    printf("%s %d\n", s, (int)sizeof(vec3));
    return 0;
}
