// boot.c: start another library OS's program beside XCP (libos/xcp).
//
// The exokernel runs only the boot bundle's first program; any other is
// started by a library, because loading is not the kernel's business.
// xcp_spawn loads a program of the bundle (say bin/init, the first
// process of the Unix library OS) into a NEW environment that XCP does
// not let into anything of its own: the child gets its image's pages and
// a stack, and no disk grant (EXO_disk_grant), so it has its own disk
// domain; none of our cache pages is shared with it. The kernel then
// keeps each library OS's pages and blocks from the other (docs/exo.md
// "Two library OSes side by side"); what they share is the kernel, the
// console and the public bundle.
//
// The image's pages arrive by DMA: a segment page whose file bytes start
// on a block boundary is read from the bundle straight into the page,
// and only the part past the segment's file bytes is cleared; others
// (none in images our linker writes) go through a cache page.
// The checks are every loader's (imgcheck.h), made before anything is
// bound. The child's own start (crt0.s: libos_init, unix_start) maps
// its exception stack and names its upcall.

#include <string.h>
#include "param.h"
#include "memlayout.h"
#include "imgfmt.h"
#include "imgcheck.h"
#include "xcp.h"

int
xcp_bundlefind(char *name, struct exobentry *ent)
{
  struct xbuf *b = xcp_bget(0);
  struct exobentry *e;
  uint i, n;

  if (b == 0 || ((uint *)b->data)[0] != EXOB_MAGIC)
    return -EIO;
  n = ((uint *)b->data)[1];
  for (i = 0; i < n && 8 + (i + 1) * sizeof(*e) <= BSIZE; i++) {
    e = (struct exobentry *)(b->data + 8 + i * sizeof(*e));
    if (strncmp(e->name, name, sizeof(e->name)) == 0) {
      if (ent)
        *ent = *e;
      return 0;
    }
  }
  return -ENOENT;
}

// Bytes [off, off + n) of image ent into dst (a short read is -ENOEXEC).
static int
imgread(struct exobentry *ent, char *dst, uint off, uint n)
{
  struct xbuf *b;
  uint m;

  if (off > ent->size || n > ent->size - off)
    return -ENOEXEC;
  while (n > 0) {
    if ((b = xcp_bget(ent->block + off / BSIZE)) == 0)
      return -EIO;
    m = BSIZE - off % BSIZE;
    if (m > n)
      m = n;
    memmove(dst, b->data + off % BSIZE, m);
    dst += m;
    off += m;
    n -= m;
  }
  return 0;
}

// A fresh page at va in child c with perm, holding the bytes of segment
// s that fall in it (s 0: a zero page). The page is bound and mapped in
// the child first (it does not run yet), then filled through our
// scratch mapping. 0 or -errno (a page left bound on an error stays
// with the child, never run: as in libos/unix's exec).
static int
loadpage(int c, uint va, uint perm, struct exobentry *ent, struct imgseg *s)
{
  char *page = (char *)LIBOS_SCRATCH;
  int ppn = libos_freepage(), r = 0;
  uint lo = 0, hi = 0;

  if (ppn < 0 || exo_page_share(ppn, c, perm) < 0 || exo_page_map(c, va, ppn, perm) < 0
      || exo_page_map(0, LIBOS_SCRATCH, ppn, PTE_W) < 0)
    return -ENOMEM;
  if (s) {
    lo = va < s->vaddr ? s->vaddr : va;
    hi = s->vaddr + s->filesz < va + BSIZE ? s->vaddr + s->filesz : va + BSIZE;
  }
  if (lo < hi && lo == va && (s->off + lo - s->vaddr) % BSIZE == 0) {
    // the DMA fills the page; clear what lies past the file bytes
    if (exo_disk_read(ent->block + (s->off + lo - s->vaddr) / BSIZE, page) < 0)
      r = -EIO;
    memset(page + (hi - va), 0, BSIZE - (hi - va));
  } else {
    memset(page, 0, BSIZE);
    if (lo < hi)
      r = imgread(ent, page + (lo - va), s->off + lo - s->vaddr, hi - lo);
  }
  exo_page_unmap(0, LIBOS_SCRATCH);
  return r;
}

// The stack's top page: argv = { name }, argc and argv at sp (as every
// loader leaves them: crt0.s reads them there). Returns sp.
static uint
stacktop(int c, char *name, int *err)
{
  uint *w = (uint *)LIBOS_SCRATCH, base = USTACKTOP - BSIZE;
  int ppn = libos_freepage();

  *err = -ENOMEM;
  if (ppn < 0 || exo_page_map(0, LIBOS_SCRATCH, ppn, PTE_W) < 0)
    return 0;
  memset(w, 0, BSIZE);
  strncpy((char *)w + BSIZE - 32, name, 31);          // the string
  w[BSIZE / 4 - 10] = base + BSIZE - 32;              // argv[0]
  w[BSIZE / 4 - 9] = 0;                               // argv[1]
  w[BSIZE / 4 - 12] = 1;                              // argc (sp)
  w[BSIZE / 4 - 11] = base + BSIZE - 40;              // argv
  exo_page_unmap(0, LIBOS_SCRATCH);
  if (exo_page_share(ppn, c, PTE_W) < 0 || exo_page_map(c, base, ppn, PTE_W) < 0)
    return 0;
  *err = 0;
  return base + BSIZE - 48;
}

int
xcp_spawn(char *name)
{
  struct exobentry ent;
  struct {
    struct imghdr h;
    struct imgseg segs[IMG_MAXSEGS];
  } img;
  struct exoframe f;
  struct imgseg *s;
  uint va, perm, sp;
  int r, c;

  if ((r = xcp_bundlefind(name, &ent)) < 0)
    return r;
  // the header, then (if its count is sane) the segment table
  if ((r = imgread(&ent, (char *)&img.h, 0, sizeof(img.h))) < 0)
    return r;
  if (img.h.magic != IMAGE_MAGIC || img.h.version != IMAGE_VERSION || img.h.nsegs - 1 >= IMG_MAXSEGS)
    return -ENOEXEC;
  if ((r = imgread(&ent, (char *)img.segs, sizeof(img.h), img.h.nsegs * sizeof(img.segs[0]))) < 0)
    return r;
  if ((r = img_check(&img.h, img.segs, ent.size)) < 0)
    return r;
  if ((c = exo_exofork()) < 0)
    return c;
  // (the child, never run until exo_env_run, starts where setframe says)
  for (s = img.segs; s < img.segs + img.h.nsegs; s++) {
    perm = (s->flags & SEG_W ? PTE_W : 0) | (s->flags & SEG_X ? PTE_X : 0);
    for (va = s->vaddr; va < s->vaddr + s->memsz; va += BSIZE)
      if ((r = loadpage(c, va, perm, &ent, s)) < 0)
        return r;
  }
  for (va = USTACKBOTTOM; va < USTACKTOP - BSIZE; va += BSIZE)
    if ((r = loadpage(c, va, PTE_W, 0, 0)) < 0)
      return r;
  if ((sp = stacktop(c, name, &r)) == 0)
    return r;
  memset(&f, 0, sizeof(f));
  f.epc = img.h.entry;
  f.regs[0] = 1;                       // a0: argc
  f.regs[1] = sp + 8;                  // a1: argv
  f.regs[13] = sp;                     // sp
  if (exo_env_setframe(c, &f) < 0 || exo_env_run(c) < 0)
    return -ENOMEM;
  return c;
}
