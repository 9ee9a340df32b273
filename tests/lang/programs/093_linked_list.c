#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *next; };

static struct node *push(struct node *head, int v)
{
    struct node *n = malloc(sizeof *n);
    n->v = v;
    n->next = head;
    return n;
}

static struct node *reverse(struct node *head)
{
    struct node *prev = NULL;
    while (head) {
        struct node *next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

static void print(struct node *n)
{
    for (; n; n = n->next)
        printf("%d ", n->v);
    printf("\n");
}

static struct node *remove_value(struct node *head, int v)
{
    struct node **pp = &head;
    while (*pp) {
        if ((*pp)->v == v) {
            struct node *dead = *pp;
            *pp = dead->next;
            free(dead);
        } else {
            pp = &(*pp)->next;
        }
    }
    return head;
}

int main(void)
{
    struct node *list = NULL;
    int i;
    for (i = 1; i <= 6; i++)
        list = push(list, i % 3 ? i : 0);
    print(list);
    list = reverse(list);
    print(list);
    list = remove_value(list, 0);
    print(list);
    while (list) {
        struct node *n = list->next;
        free(list);
        list = n;
    }
    return 0;
}
