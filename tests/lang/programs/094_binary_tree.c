#include <stdio.h>
#include <stdlib.h>

struct tree { int key; struct tree *left, *right; };

static struct tree *insert(struct tree *t, int key)
{
    if (!t) {
        t = calloc(1, sizeof(struct tree));
        t->key = key;
    } else if (key < t->key) {
        t->left = insert(t->left, key);
    } else if (key > t->key) {
        t->right = insert(t->right, key);
    }
    return t;
}

static void inorder(struct tree *t)
{
    if (!t)
        return;
    inorder(t->left);
    printf("%d ", t->key);
    inorder(t->right);
}

static int height(struct tree *t)
{
    if (!t)
        return 0;
    int l = height(t->left), r = height(t->right);
    return 1 + (l > r ? l : r);
}

static int contains(struct tree *t, int key)
{
    while (t && t->key != key)
        t = key < t->key ? t->left : t->right;
    return t != NULL;
}

int main(void)
{
    int keys[] = {50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30};
    struct tree *root = NULL;
    unsigned i;
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
        root = insert(root, keys[i]);
    inorder(root);
    printf("\nheight %d\n", height(root));
    printf("%d %d\n", contains(root, 65), contains(root, 66));
    return 0;
}
