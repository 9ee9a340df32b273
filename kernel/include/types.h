// types.h: the basic types every kernel file uses.
//
// minos is a 32-bit machine: int, long and pointers are all 4 bytes.

#ifndef MINOS_TYPES_H
#define MINOS_TYPES_H

typedef unsigned int   uint;
typedef unsigned short ushort;
typedef unsigned char  uchar;
typedef unsigned int   uint32;

typedef uint pte_t;          // a page-table entry (or a directory entry)
typedef uint *pagetable_t;   // a page directory: 1024 entries

#ifndef NULL
#define NULL ((void *)0)
#endif

#endif // MINOS_TYPES_H
