#include <stdio.h>

struct cfg { int a, b; int *pb; };

int arr[6] = {10, 11, 12, 13, 14, 15};
int *mid = arr + 3;
int *last = &arr[5];
const char *tail = "abcdef" + 4;
struct cfg g = {1, 2, &g.b};
int *table[3] = {&arr[0], &arr[2], &g.a};
char word[] = "hello";
char *wp = &word[1];
int (*parr)[6] = &arr;

int main(void)
{
    printf("%d %d %s\n", *mid, *last, tail);
    printf("%d %d\n", *g.pb, g.pb == &g.b);
    printf("%d %d %d\n", *table[0], *table[1], *table[2]);
    printf("%s %d\n", wp, (*parr)[1]);
    *g.pb = 7;
    printf("%d %d\n", g.b, (int)(last - mid));
    return 0;
}
