// bundle.c: the boot bundle as a read-only file system (libos/unix).
//
// exo's disk is a boot bundle (kernel/exo/exoabi.h): block 0 lists the
// files, each named by its path without the leading '/' ("bin/sh",
// "etc/minos-run"), each on its own blocks; the kernel ran the first as
// the first process. Its blocks are public: any env reads them
// (EXO_disk_read), none writes them. exec loads programs from it and
// open() reads its files. A block is read into a page of our own
// (BUNDLEBUF), mapped at the first use; a child or a new program maps
// its own.

#include <string.h>
#include "unix.h"

#define BUNDLEBUF 0xDFFFE000

static int cached = -1;            // the block at BUNDLEBUF, if it is mapped

static int
readblock(uint b)
{
  if ((exo_pte(0, BUNDLEBUF) & PTE_P) == 0) {
    cached = -1;
    if (libos_alloc_map(BUNDLEBUF, PTE_W) < 0)
      return -ENOMEM;
  }
  if ((int)b == cached)
    return 0;
  cached = -1;
  if (exo_disk_read(b, (void *)BUNDLEBUF) < 0)
    return -EIO;
  cached = b;
  return 0;
}

// The entry of the file at path (absolute, or relative to "/"), or
// -ENOENT.
int
bundle_find(char *path, struct exobentry *ent)
{
  uint *hdr = (uint *)BUNDLEBUF, i;
  int r;

  while (*path == '/')
    path++;
  if (*path == 0 || strlen(path) >= sizeof(ent->name))
    return -ENOENT;
  if ((r = readblock(0)) < 0)
    return r;
  if (hdr[0] != EXOB_MAGIC)
    return -EIO;
  for (i = 0; i < hdr[1] && 8 + (i + 1) * sizeof(*ent) <= 4096; i++) {
    memmove(ent, (char *)BUNDLEBUF + 8 + i * sizeof(*ent), sizeof(*ent));
    ent->name[sizeof(ent->name) - 1] = 0;
    if (strcmp(ent->name, path) == 0)
      return 0;
  }
  return -ENOENT;
}

// Up to n bytes at offset off of the file into dst: how many (0 at its
// end), or an error.
int
bundle_read(struct exobentry *ent, char *dst, uint off, uint n)
{
  uint m, done = 0;
  int r;

  if (off >= ent->size)
    return 0;
  if (n > ent->size - off)
    n = ent->size - off;
  while (done < n) {
    if ((r = readblock(ent->block + off / 4096)) < 0)
      return r;
    m = 4096 - off % 4096;
    if (m > n - done)
      m = n - done;
    memmove(dst + done, (char *)BUNDLEBUF + off % 4096, m);
    done += m;
    off += m;
  }
  return done;
}
