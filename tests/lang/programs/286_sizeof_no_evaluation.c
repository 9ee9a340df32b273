#include <stdio.h>

static int calls;

static int side(void)
{
    calls++;
    return 1;
}

int main(void)
{
    int a[10];
    int i = 0;
    int s1 = sizeof(side());
    int s2 = sizeof a[i++];
    int s3 = sizeof(side() + 'a');            /* int: still no call */
    printf("%d %d %d %d %d\n", s1, s2, s3, calls, i);
    return 0;
}
