#include <stdio.h>

struct node {
    int value;
    struct node *next;
};

int main(void)
{
    struct node c = {3, 0};
    struct node b = {2, &c};
    struct node a = {1, &b};
    struct node *p = &a;
    printf("%d %d %d\n", p->value, p->next->value, p->next->next->value);
    p->next->next->value = 30;
    printf("%d\n", c.value);
    printf("%d\n", (*p).next->value);
    int sum = 0;
    for (p = &a; p; p = p->next)
        sum += p->value;
    printf("%d\n", sum);
    return 0;
}
