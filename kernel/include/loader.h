// loader.h: where the loader (kernel/core/loader.c) reads an image from.
//
// The loader builds an address space from a minos executable image
// (docs/formats.md). It does not know files: the caller hands it a
// reader, a function that copies bytes of the image into kernel memory
// (mono reads an inode; a kernel with its programs linked in reads
// memory, as exec_mem does).

#ifndef MINOS_LOADER_H
#define MINOS_LOADER_H

#include "types.h"

struct imgsrc {
  // Copy n bytes at offset off of the image to kernel address dst.
  // Returns 0, or -1 if the image is shorter (or cannot be read).
  int (*read)(struct imgsrc *src, char *dst, uint off, uint n);
  void *arg;            // the reader's own: mono's inode, or the image in memory
  uint size;            // bytes, for readers that know it
};

#endif // MINOS_LOADER_H
