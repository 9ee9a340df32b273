#include <stdio.h>

int main(void)
{
    int a[10];
    int i;
    for (i = 0; i < 10; i++)
        a[i] = i * i;
    for (i = 9; i >= 0; i -= 3)
        printf("%d ", a[i]);
    printf("\n");
    int b[] = {5, 4, 3};
    printf("%d %d\n", (int)(sizeof b / sizeof b[0]), b[0] + b[2]);
    char word[8] = "hi";
    printf("%d %d\n", word[2], word[7]);
    return 0;
}
