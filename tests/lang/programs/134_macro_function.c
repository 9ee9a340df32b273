#include <stdio.h>

#define SQUARE(x) ((x) * (x))
#define BAD_SQUARE(x) x * x
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define SWAP(t, a, b) do { t tmp_ = (a); (a) = (b); (b) = tmp_; } while (0)
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

int main(void)
{
    printf("%d %d\n", SQUARE(1 + 2), BAD_SQUARE(1 + 2));
    printf("%d\n", MAX(3, MAX(9, 4)));
    int x = 1, y = 2;
    SWAP(int, x, y);
    printf("%d %d\n", x, y);
    int arr[13];
    printf("%d\n", (int)ARRAY_LEN(arr));
    int n = 5;
    int m = MAX(n++, 2);        /* n++ is evaluated twice */
    printf("%d %d\n", m, n);
    return 0;
}
