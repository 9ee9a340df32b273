/* heap.c: memory for malloc (lang/runtime/malloc.c) from the kernel.
 * sbrk(n) grows the process's data segment by n bytes and returns the old
 * end; malloc wants 8-byte aligned chunks, so the first call pads the
 * break up to a multiple of 8. */
#include <stddef.h>
#include <unistd.h>
#include <errno.h>

void *__morecore(size_t n)
{
    char *old;
    unsigned int pad;

    old = sbrk(0);
    if (old == (char *)-1)
        goto fail;
    pad = (8 - ((unsigned int)old & 7)) & 7;
    n = (n + 7) & ~7u;
    old = sbrk(n + pad);
    if (old == (char *)-1)
        goto fail;
    return old + pad;
fail:
    errno = ENOMEM;
    return NULL;
}
