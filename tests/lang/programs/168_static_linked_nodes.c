#include <stdio.h>

struct node { const char *label; struct node *next; };

/* A cyclic list built entirely by static initialisers. */
static struct node c;
static struct node b = {"b", &c};
static struct node a = {"a", &b};
static struct node c = {"c", &a};

int main(void)
{
    struct node *p = &a;
    int i;
    for (i = 0; i < 7; i++) {
        printf("%s", p->label);
        p = p->next;
    }
    printf("\n");
    return 0;
}
