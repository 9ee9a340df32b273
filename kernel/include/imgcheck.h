// imgcheck.h: the checks every loader makes of an image before it maps
// a single page — core's loader (kernel/core/loader.c, mono's and exo's
// kernels), micro's process manager (servers/pm/exec.c) and exo's
// library OS (libos/unix/exec.c). An image is untrusted input, and a
// crafted one must fail the same way whoever loads it, so the rules are
// written once, here, as static functions each loader compiles in.
//
// The rules (docs/formats.md):
//   - vaddr page-aligned, flags only R/W/X, the last word zero;
//   - [vaddr, vaddr + memsz) inside [USER_BASE, UHEAPMAX), compared so
//     nothing wraps (vaddr < UHEAPMAX first, then UHEAPMAX - vaddr);
//   - filesz <= memsz, and the file bytes inside the image's size;
//   - no two segments overlap;
//   - the entry point inside an executable segment.
//
// The includer provides USER_BASE and SEG_* (hw.h) and UHEAPMAX
// (memlayout.h).

#ifndef MINOS_IMGCHECK_H
#define MINOS_IMGCHECK_H

#include "errnum.h"
#include "imgfmt.h"

#define IMG_PAGE  4096

// Is segment s wrong on its own? size: the image file's bytes
// (0xFFFFFFFF when the loader checks each read instead).
static int
img_badseg(struct imgseg *s, unsigned int size)
{
  if (s->vaddr % IMG_PAGE != 0 || (s->flags & ~(SEG_R | SEG_W | SEG_X)) != 0 || s->zero != 0)
    return 1;
  if (s->vaddr < USER_BASE || s->vaddr >= UHEAPMAX)
    return 1;
  if (s->memsz > UHEAPMAX - s->vaddr || s->filesz > s->memsz)
    return 1;
  return s->off > size || s->filesz > size - s->off;
}

// Check the segment table against the header. Returns -ENOEXEC for a
// malformed image, else the number of pages its segments need (each at
// most 0xC0000, so the sum of IMG_MAXSEGS cannot wrap).
static int
img_check(struct imghdr *h, struct imgseg *segs, unsigned int size)
{
  unsigned int i, j, pages = 0;
  int entry_ok = 0;
  struct imgseg *s;

  for (i = 0; i < h->nsegs; i++) {
    s = &segs[i];
    if (img_badseg(s, size))
      return -ENOEXEC;
    for (j = 0; j < i; j++)
      if (s->vaddr < segs[j].vaddr + segs[j].memsz && segs[j].vaddr < s->vaddr + s->memsz)
        return -ENOEXEC;
    if ((s->flags & SEG_X) && h->entry >= s->vaddr && h->entry - s->vaddr < s->memsz)
      entry_ok = 1;
    pages += (s->memsz + IMG_PAGE - 1) / IMG_PAGE;
  }
  return entry_ok ? (int)pages : -ENOEXEC;
}

#endif // MINOS_IMGCHECK_H
