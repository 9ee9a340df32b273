/* heap.c: where malloc's memory comes from on the bare machine.
 * Machine-specific: the OS libc replaces this file with a system call.
 *
 * The linker does not (yet) mark the end of the image, so the heap is a
 * fixed region: from a quarter of RAM up to 1/8 of RAM below its top, the
 * rest being the stack (crt0.s puts sp at the top of RAM). With the default
 * 16 MiB of RAM: image 0x1000-0x3FFFFF, heap 0x400000-0xDFFFFF, stack
 * 0xE00000-0xFFFFFF (2 MiB). See docs/runtime.md. */
#include <stddef.h>

/* Set by crt0.s from the a1 register at reset: the bytes of RAM. */
unsigned int __ram_size;

static char *heap_next;     /* first byte not yet handed out */
static char *heap_limit;    /* end of the heap region */

/* Give malloc `n` more bytes, contiguous with the previous ones; NULL when
 * the region is used up. */
void *__morecore(size_t n)
{
    char *p;
    if (heap_next == NULL) {
        heap_next = (char *)(__ram_size / 4);
        heap_limit = (char *)(__ram_size - __ram_size / 8);
    }
    if (n > (size_t)(heap_limit - heap_next))
        return NULL;
    p = heap_next;
    heap_next = heap_next + n;
    return p;
}
