/* stddef.h: basic types. The machine is 32-bit: pointers, int and long are 4 bytes. */
#ifndef _STDDEF_H
#define _STDDEF_H

typedef unsigned int size_t;
typedef int ptrdiff_t;

#ifndef NULL
#define NULL ((void *)0)
#endif

/* The byte offset of member m in struct type T. */
#define offsetof(T, m) ((size_t)&((T *)0)->m)

#endif
