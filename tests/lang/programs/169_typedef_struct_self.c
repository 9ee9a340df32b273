#include <stdio.h>
#include <stdlib.h>

typedef struct node node;
struct node {
    int value;
    node *left, *right;
};

typedef struct list { int n; struct list *next; } list;

static node *leaf(int v)
{
    node *n = malloc(sizeof(node));
    n->value = v;
    n->left = n->right = NULL;
    return n;
}

static int sum(node *n)
{
    return n ? n->value + sum(n->left) + sum(n->right) : 0;
}

int main(void)
{
    node *root = leaf(1);
    root->left = leaf(2);
    root->right = leaf(3);
    root->left->left = leaf(4);
    printf("%d\n", sum(root));
    list l2 = {2, NULL}, l1 = {1, &l2};
    printf("%d\n", l1.next->n);
    return 0;
}
