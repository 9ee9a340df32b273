/* heap.c: where malloc's memory comes from on the bare machine.
 * Machine-specific: the OS libc replaces this file with a system call.
 *
 * The heap starts at the end of the image (_end, defined by the linker,
 * rounded up to 8 bytes) and may grow up to 1/8 of RAM below its top, the
 * rest being the stack (crt0.s puts sp at the top of RAM). With the default
 * 16 MiB of RAM the stack has 2 MiB. See docs/runtime.md. */
#include <stddef.h>

extern char _end[];         /* the end of the image, bss included */

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
        heap_next = (char *)(((unsigned int)_end + 7) & ~7u);
        heap_limit = (char *)(__ram_size - __ram_size / 8);
    }
    if (n > (size_t)(heap_limit - heap_next))
        return NULL;
    p = heap_next;
    heap_next = heap_next + n;
    return p;
}
