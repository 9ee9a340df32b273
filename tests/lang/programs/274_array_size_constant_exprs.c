#include <stdio.h>

#define N 4
enum { M = N * 2 };

static char a1[sizeof(int) * 2 + 1];
static int a2[M - 3];
static short a3[(N > 3) ? 10 : 20];
static char a4[(unsigned char)260];     /* 4 */
static int a5[sizeof a1 / sizeof a1[0]];
static char a6[1 << N];
static char a7['A' - 60];               /* 5 */

int main(void)
{
    printf("%d %d %d %d\n", (int)sizeof a1, (int)sizeof a2, (int)sizeof a3, (int)sizeof a4);
    printf("%d %d %d\n", (int)sizeof a5, (int)sizeof a6, (int)sizeof a7);
    return 0;
}
