#include <stdio.h>

/* A fixed-size block allocator over a static array, with a free list threaded through the blocks. */
#define NBLOCKS 8

union block { union block *next; char payload[12]; };

static union block pool[NBLOCKS];
static union block *free_list;

static void pool_init(void)
{
    int i;
    for (i = 0; i < NBLOCKS - 1; i++)
        pool[i].next = &pool[i + 1];
    pool[NBLOCKS - 1].next = 0;
    free_list = pool;
}

static void *pool_alloc(void)
{
    union block *b = free_list;
    if (b)
        free_list = b->next;
    return b;
}

static void pool_free(void *p)
{
    union block *b = p;
    b->next = free_list;
    free_list = b;
}

int main(void)
{
    void *got[NBLOCKS + 1];
    int i, n = 0;
    pool_init();
    while ((got[n] = pool_alloc()) != 0)
        n++;
    printf("allocated %d\n", n);
    pool_free(got[3]);
    pool_free(got[5]);
    void *a = pool_alloc(), *b = pool_alloc(), *c = pool_alloc();
    printf("%d %d %d\n", a == got[5], b == got[3], c == 0);
    for (i = 0; i < n; i++)
        printf("%d ", (int)((union block *)got[i] - pool));
    printf("\n");
    return 0;
}
