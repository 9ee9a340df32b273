/* malloc.c: a first-fit allocator with a free list kept in address order,
 * so that freeing a block can merge it with free neighbours (coalescing).
 *
 * Every block, free or in use, starts with a header: its size in bytes
 * (header included, a multiple of ALIGN) and a `next` pointer. In a free
 * block `next` links to the next free block; in a block in use it points at
 * the marker `in_use`, which lets free() recognise pointers that malloc did
 * not hand out (or that were already freed).
 *
 * New memory comes from __morecore(n) (heap.c on the bare machine, a system
 * call under the OS), in chunks of at least CHUNK bytes. Its contract: n
 * more bytes, 8-byte aligned, or NULL when there are none. (When the chunks
 * are contiguous, as with heap.c, neighbouring chunks merge too.) */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#define ALIGN 8
#define CHUNK 4096

struct header {
    size_t size;
    struct header *next;
};

#define HEADER_SIZE ((sizeof(struct header) + ALIGN - 1) / ALIGN * ALIGN)
#define MIN_BLOCK (HEADER_SIZE + ALIGN)

void *__morecore(size_t n);

static struct header *free_list;    /* lowest free block, NULL if none */
static struct header in_use;        /* marker: `next` of blocks handed out */

static void *payload(struct header *b)
{
    return (char *)b + HEADER_SIZE;
}

static struct header *header_of(void *p)
{
    return (struct header *)((char *)p - HEADER_SIZE);
}

/* Returns block b to the free list at its address-ordered place, merging it
 * with the block just before and the block just after when they touch. */
static void insert_free(struct header *b)
{
    struct header *prev = NULL;
    struct header *cur = free_list;
    while (cur != NULL && cur < b) {
        prev = cur;
        cur = cur->next;
    }
    b->next = cur;
    if (cur != NULL && (char *)b + b->size == (char *)cur) {
        b->size += cur->size;
        b->next = cur->next;
    }
    if (prev == NULL) {
        free_list = b;
    } else if ((char *)prev + prev->size == (char *)b) {
        prev->size += b->size;
        prev->next = b->next;
    } else {
        prev->next = b;
    }
}

/* Adds at least `need` bytes of fresh memory to the free list. */
static int grow(size_t need)
{
    struct header *b;
    if (need < CHUNK)
        need = CHUNK;
    b = __morecore(need);
    if (b == NULL)
        return 0;
    b->size = need;
    insert_free(b);
    return 1;
}

void *malloc(size_t n)
{
    struct header *prev;
    struct header *cur;
    size_t need;
    if (n == 0)
        n = 1;                                      /* a unique pointer, as for n > 0 */
    if (n > (size_t)-1 - HEADER_SIZE - ALIGN)
        return NULL;                                /* the size would overflow */
    need = (n + HEADER_SIZE + ALIGN - 1) / ALIGN * ALIGN;
    for (;;) {
        prev = NULL;
        for (cur = free_list; cur != NULL; prev = cur, cur = cur->next) {
            if (cur->size < need)
                continue;
            if (cur->size - need >= MIN_BLOCK) {
                /* Split: hand out the tail, the front stays in the list. */
                cur->size -= need;
                cur = (struct header *)((char *)cur + cur->size);
                cur->size = need;
            } else if (prev == NULL) {
                free_list = cur->next;
            } else {
                prev->next = cur->next;
            }
            cur->next = &in_use;
            return payload(cur);
        }
        if (!grow(need))
            return NULL;
    }
}

void free(void *p)
{
    struct header *b;
    if (p == NULL)
        return;
    b = header_of(p);
    if (b->next != &in_use) {
        printf("free: %p was not allocated by malloc, or was already freed\n", p);
        abort();
    }
    insert_free(b);
}

void *calloc(size_t n, size_t size)
{
    void *p;
    if (size != 0 && n > (size_t)-1 / size)
        return NULL;
    p = malloc(n * size);
    if (p != NULL)
        memset(p, 0, n * size);
    return p;
}

/* Keeps the block when it is already big enough; otherwise moves the data
 * to a new block. realloc(NULL, n) is malloc(n); realloc(p, 0) frees p. */
void *realloc(void *p, size_t n)
{
    struct header *b;
    size_t have;
    void *q;
    if (p == NULL)
        return malloc(n);
    if (n == 0) {
        free(p);
        return NULL;
    }
    b = header_of(p);
    have = b->size - HEADER_SIZE;
    if (n <= have)
        return p;
    q = malloc(n);
    if (q == NULL)
        return NULL;
    memcpy(q, p, have);
    free(p);
    return q;
}
