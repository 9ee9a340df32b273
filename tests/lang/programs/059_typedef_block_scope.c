#include <stdio.h>

typedef int T;

int main(void)
{
    T a = 1;
    {
        typedef char T;     /* hides the outer typedef in this block */
        T b = 300;
        printf("%d %d\n", (int)sizeof(T), b);
    }
    T c = 300;
    printf("%d %d %d\n", (int)sizeof(T), a, c);
    return 0;
}
