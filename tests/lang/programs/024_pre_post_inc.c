#include <stdio.h>

int main(void)
{
    int i = 5;
    int a = i++;
    int b = ++i;
    int c = i--;
    int d = --i;
    printf("%d %d %d %d %d\n", a, b, c, d, i);
    char ch = 'x';
    ch++;
    printf("%c\n", ch);
    unsigned u = 0;
    printf("%u\n", --u);
    int arr[3] = {1, 2, 3};
    int k = 0;
    arr[k++] += 10;
    printf("%d %d %d %d\n", arr[0], arr[1], arr[2], k);
    return 0;
}
