#include <stdio.h>

#define STR(x) #x
#define XSTR(x) STR(x)
#define VERSION 42
#define SHOW(expr) printf("%s = %d\n", #expr, (expr))

int main(void)
{
    printf("%s\n", STR(hello world));
    printf("%s\n", STR(VERSION));
    printf("%s\n", XSTR(VERSION));
    printf("%s\n", STR("quoted" 'c'));
    SHOW(3 + 4 * 2);
    SHOW(VERSION / 2);
    return 0;
}
