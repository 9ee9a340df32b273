#include <stdio.h>

#define SIZE 8
#define MESSAGE "macro string"
#define TWICE_SIZE (SIZE * 2)
#define EMPTY

int main(void)
{
    int a[SIZE] EMPTY;
    printf("%d %d\n", (int)(sizeof a / sizeof a[0]), TWICE_SIZE);
    printf("%s\n", MESSAGE);
    printf("%d\n", __LINE__);
    return SIZE;
}
