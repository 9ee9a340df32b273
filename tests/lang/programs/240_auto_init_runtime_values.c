#include <stdio.h>

struct range { int lo, hi, len; };

static int twice(int x) { return 2 * x; }

int main(void)
{
    int n = 5;
    int arr[4] = {n, n * 2, twice(n), n - 10};
    struct range r = {n, twice(n) + 1, twice(n) + 1 - n};
    char name[6] = {'a' + n, 'b' + n, 0};
    int *ptrs[2] = {&arr[1], &n};
    printf("%d %d %d %d\n", arr[0], arr[1], arr[2], arr[3]);
    printf("%d %d %d\n", r.lo, r.hi, r.len);
    printf("%s %d %d\n", name, *ptrs[0], *ptrs[1]);
    return 0;
}
