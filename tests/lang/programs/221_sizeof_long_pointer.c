// nogcc: minos is a 32-bit target (4-byte long and pointers); a 64-bit host gcc differs.
#include <stdio.h>

struct node { char tag; struct node *next; };
struct mixed { char c; long l; short s; int *p; };

int main(void)
{
    printf("%d %d\n", (int)sizeof(long), (int)sizeof(unsigned long));
    printf("%d %d %d\n", (int)sizeof(void *), (int)sizeof(char *), (int)sizeof(int (*)(int)));
    printf("%d %d\n", (int)sizeof(struct node), (int)sizeof(struct mixed));
    char *arr[5];
    printf("%d\n", (int)sizeof arr);
    printf("%d\n", (int)sizeof(long[3]));
    return 0;
}
