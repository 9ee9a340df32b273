// imgfmt.h: the executable image's header and segment table as C
// structs (the format: vm/image.py, docs/formats.md; the numbers are in
// hw.h). Read by every loader: kernel/core/loader.c, micro's process
// manager (servers/pm/exec.c) and exo's library OS (libos/unix/exec.c),
// which all check images with imgcheck.h.

#ifndef MINOS_IMGFMT_H
#define MINOS_IMGFMT_H

#define IMG_MAXSEGS  16

struct imghdr {
  unsigned int magic;
  unsigned int version;
  unsigned int entry;
  unsigned int nsegs;
};

struct imgseg {
  unsigned int vaddr;
  unsigned int off;
  unsigned int filesz;
  unsigned int memsz;
  unsigned int flags;
  unsigned int zero;
};

#endif // MINOS_IMGFMT_H
