#include <stdio.h>

#define STR(x) #x
#define XSTR(x) STR(x)
#define EMPTY_ARG(x) [x]
#define TWO(a, b) a b
#define HDR "140_helper.h"
#include HDR
#define PLUS +
#define APPLY(f, x) f(x)
#define NEG(x) (-(x))

int main(void)
{
    printf("%s\n", STR("a\n" '\\'));      /* quotes and backslashes are escaped */
    printf("%s\n", XSTR(EMPTY_ARG()));
    printf("%s\n", XSTR(TWO(, right)));
    printf("%d\n", HELPER_LIMIT);
    printf("%d\n", 1 PLUS 2);
    printf("%d\n", APPLY(NEG, 5 + 1));
#if 'A' == 65 && '\n' == 10
    printf("char constants in #if\n");
#endif
    return 0;
}
