#include <stdio.h>
#include <stdlib.h>

struct vec { int *data; int len, cap; };

static void vec_push(struct vec *v, int x)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 2;
        v->data = realloc(v->data, v->cap * sizeof *v->data);
    }
    v->data[v->len++] = x;
}

static int vec_pop(struct vec *v)
{
    return v->data[--v->len];
}

int main(void)
{
    struct vec v = {NULL, 0, 0};
    int i;
    for (i = 0; i < 25; i++)
        vec_push(&v, i * 3);
    printf("len %d cap %d\n", v.len, v.cap);
    int sum = 0;
    while (v.len > 20)
        sum += vec_pop(&v);
    printf("%d %d\n", sum, v.data[v.len - 1]);
    free(v.data);
    return 0;
}
