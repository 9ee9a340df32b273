#include <stdio.h>

#define VALUE 1

int main(void)
{
    printf("%d\n", VALUE);
#undef VALUE
#define VALUE 2
    printf("%d\n", VALUE);
#undef VALUE
#ifdef VALUE
    printf("still defined\n");
#else
    printf("gone\n");
#endif
#undef NEVER_DEFINED
    return 0;
}
