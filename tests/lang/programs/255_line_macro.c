#include <stdio.h>

#define HERE() __LINE__
#define REPORT(x) printf("line %d: %d\n", __LINE__, (x))

int main(void)
{
    int a = __LINE__;
    int b = HERE();
    REPORT(a);
    REPORT(b - a);
    printf("%d\n",
           __LINE__);
    return 0;
}
