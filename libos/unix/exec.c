// exec.c: exec as a user-level loader (libos/unix).
//
// The kernel has no exec: the library builds the new program in a NEW
// environment and hands it the pid. In order:
//   1. find the image in the file system by its path (namei: the
//      core's, fsport.c), and keep a reference to its inode while we
//      read it (readi, through the buffer cache the Unix shares);
//   2. check it as kernel/core/loader.c does, before anything is bound:
//      magic and version, each segment page-aligned, inside
//      [USER_BASE, UHEAPMAX) without wrapping, file bytes inside the
//      image, no two overlapping, the entry in an executable segment.
//      A crafted image fails with -ENOEXEC and changes nothing;
//   3. build the stack page with the arguments (-E2BIG if they do not
//      fit), as core's loader lays it out (crt0.s reads argc, argv at sp);
//   4. exofork an empty env; bind fresh pages, fill them through the
//      scratch mapping, and map them in the child with the segment's
//      rights; the stack; the exception stack, upcall, disk domain and
//      shared region (unix_equip);
//   5. set where the child starts (EXO_env_setframe: the image's entry,
//      sp at argc), point the process-table entry at it, run it, and end
//      this env. The pid, the parent and the open descriptors (in the
//      shared region) carry over.
// The image's pages stay bound to the env that ran exec; when it ends
// they are orphans held by the new program's mappings (kernel/exo/page.c)
// and are freed at its last unmap.

#include <string.h>
#include <stdio.h>
#include "param.h"
#include "memlayout.h"
#include "imgfmt.h"
#include "imgcheck.h"
#include "unix.h"

// n bytes at offset off of the image into dst (our own memory): 0, or
// -ENOEXEC if the image is shorter.
static int
imgread(struct inode *img, char *dst, uint off, uint n)
{
  int r = unix_imgread(img, dst, off, n);

  return r >= 0 && (uint)r == n ? 0 : -ENOEXEC;
}

// 2. The checks of every loader (imgcheck.h), then room in free memory.
static int
checkimage(struct imghdr *h, struct imgseg *segs)
{
  int pages = img_check(h, segs, 0xFFFFFFFF);   // imgread checks each read

  if (pages < 0)
    return pages;
  if ((uint)pages + USTACKPAGES + 1 > exoinfo->nfree)
    return -ENOMEM;
  return 0;
}

// 3. The top stack page, at LIBOS_SCRATCH while we fill it: the strings,
// the argv array, then argc and argv at the final sp (8-aligned).
// Returns that sp, or 0 if the arguments do not fit.
static uint
pushargs(char **argv, int *argcp, uint *argvp)
{
  uint uargv[MAXARG + 1];
  uint sp = USTACKTOP, low = USTACKTOP - 4096 + 64;
  int argc, len;

  for (argc = 0; argv[argc]; argc++) {
    len = strlen(argv[argc]) + 1;
    if (argc >= MAXARG || len > MAXARGLEN || sp - len < low)
      return 0;
    sp = (sp - len) & ~3;
    memmove((char *)(LIBOS_SCRATCH + sp - (USTACKTOP - 4096)), argv[argc], len);
    uargv[argc] = sp;
  }
  uargv[argc] = 0;
  sp = (sp - (argc + 1) * 4) & ~7;
  if (sp < low + 8)
    return 0;
  memmove((char *)(LIBOS_SCRATCH + sp - (USTACKTOP - 4096)), uargv, (argc + 1) * 4);
  *argcp = argc;
  *argvp = sp;
  sp -= 8;
  ((uint *)(LIBOS_SCRATCH + sp - (USTACKTOP - 4096)))[0] = argc;
  ((uint *)(LIBOS_SCRATCH + sp - (USTACKTOP - 4096)))[1] = *argvp;
  return sp;
}

// A fresh page mapped at va in child c with perm; for a segment page,
// filled with the segment's file bytes (through the scratch mapping).
// 0, or an error.
static int
givepage(int c, uint va, uint perm, struct inode *img, struct imgseg *s)
{
  int ppn = libos_freepage(), r = 0;
  uint lo, hi;

  if (ppn < 0 || exo_page_map(0, LIBOS_SCRATCH, ppn, PTE_W) < 0)
    return -ENOMEM;
  if (s) {                           // the segment's file bytes in this page
    lo = va < s->vaddr ? s->vaddr : va;
    hi = s->vaddr + s->filesz;
    if (hi > va + 4096)
      hi = va + 4096;
    if (lo < hi)
      r = imgread(img, (char *)(LIBOS_SCRATCH + lo - va), s->off + lo - s->vaddr, hi - lo);
  }
  exo_page_unmap(0, LIBOS_SCRATCH);
  if (r == 0 && (exo_page_share(ppn, c, perm) < 0 || exo_page_map(c, va, ppn, perm) < 0))
    r = -ENOMEM;
  if (r < 0)
    exo_page_free(ppn);
  return r;
}

// 4. Every segment, and the stack, into child c.
static int
build(int c, struct inode *img, struct imghdr *h, struct imgseg *segs, int stackppn)
{
  uint i, va, perm;
  int r;

  for (i = 0; i < h->nsegs; i++) {
    perm = (segs[i].flags & SEG_W ? PTE_W : 0) | (segs[i].flags & SEG_X ? PTE_X : 0);
    for (va = segs[i].vaddr; va < segs[i].vaddr + segs[i].memsz; va += 4096)
      if ((r = givepage(c, va, perm, img, &segs[i])) < 0)
        return r;
  }
  for (va = USTACKBOTTOM; va < USTACKTOP - 4096; va += 4096)
    if ((r = givepage(c, va, PTE_W, 0, 0)) < 0)
      return r;
  if (exo_page_share(stackppn, c, PTE_W) < 0 || exo_page_map(c, USTACKTOP - 4096, stackppn, PTE_W) < 0)
    return -ENOMEM;
  return unix_equip(c) < 0 ? -ENOMEM : 0;
}

static int build_child(struct inode *img, struct imghdr *hp, struct imgseg *segs, char **argv,
                       char *path);

static int
load(struct inode *img, char *path, char **argv)
{
  struct imghdr h;
  struct imgseg segs[IMG_MAXSEGS];
  int r;

  if ((r = imgread(img, (char *)&h, 0, sizeof(h))) < 0)
    return r;
  if (h.magic != IMAGE_MAGIC || h.version != IMAGE_VERSION || h.nsegs == 0 || h.nsegs > IMG_MAXSEGS)
    return -ENOEXEC;
  if ((r = imgread(img, (char *)segs, sizeof(h), h.nsegs * sizeof(struct imgseg))) < 0)
    return r;
  if ((r = checkimage(&h, segs)) == -ENOMEM && unix_reclaim() > 0)
    r = checkimage(&h, segs);
  if (r < 0)
    return r;
  unix_building = 1;                 // from here, pages are ours but mapped nowhere for a while
  r = build_child(img, &h, segs, argv, path);
  unix_building = 0;
  return r;
}

// 3-5: the stack, the child, and the hand-over (returns only on failure).
static int
build_child(struct inode *img, struct imghdr *hp, struct imgseg *segs, char **argv, char *path)
{
  struct imghdr h = *hp;
  struct exoframe f;
  int r, c, stackppn, argc;
  uint sp, uargv;

  if ((stackppn = libos_freepage()) < 0 || exo_page_map(0, LIBOS_SCRATCH, stackppn, PTE_W) < 0)
    return -ENOMEM;
  sp = pushargs(argv, &argc, &uargv);
  exo_page_unmap(0, LIBOS_SCRATCH);
  if (sp == 0) {
    exo_page_free(stackppn);
    return -E2BIG;
  }

  if ((c = exo_exofork()) < 0) {
    exo_page_free(stackppn);
    return -EAGAIN;
  }
  // (c is never 0 here: the child starts where setframe says)
  if ((r = build(c, img, &h, segs, stackppn)) < 0)
    return r;                        // (the child, never run, stays: proc.c's fork says why)
  memset(&f, 0, sizeof(f));
  f.epc = h.entry;
  f.regs[0] = argc;                  // a0
  f.regs[1] = uargv;                 // a1
  f.regs[13] = sp;                   // sp
  if (exo_env_setframe(c, &f) < 0)
    return -ENOMEM;

  ulock();
  myproc->env = c;
  unix_setname(myproc, path);
  uunlock();
  exo_env_name(c, myproc->name);     // for ps, `minos prof` and the debugger
  unix_dropall();
  unix_building = 0;
  unix_fsput(img);                   // (read: the new program is built)
  exo_env_run(c);
  exo_exit(0);                       // this env is done: the process goes on in c
  return 0;
}

// The path and the arguments into our own buffers, each checked (a bad
// pointer is -EFAULT, as on mono): the strings are at most what fits in
// the new program's stack page (pushargs).
static int
fetchargs(char *upath, char **uargv, char *path, char **argv, char *strs)
{
  int r, i, used = 0;

  if ((r = ufetchstr(path, upath, MAXPATH)) < 0)
    return r;
  for (i = 0;; i++) {
    if (!uaccess((uint)&uargv[i], sizeof(char *), 0))
      return -EFAULT;
    if (uargv[i] == 0)
      break;
    if (i >= MAXARG)
      return -E2BIG;
    if ((r = ufetchstr(strs + used, uargv[i], 4096 - used)) < 0)
      return r == -ENAMETOOLONG ? -E2BIG : r;
    argv[i] = strs + used;
    used += r + 1;
  }
  argv[i] = 0;
  return 0;
}

int
unix_exec(char *upath, char **uargv)
{
  char path[MAXPATH], strs[4096], *argv[MAXARG + 1];
  struct inode *img;
  int r;

  if (ukilled())
    unix_exit(-1);
  if ((r = fetchargs(upath, uargv, path, argv, strs)) < 0)
    return r;
  if ((img = unix_imgopen(path, &r)) == 0)
    return r;
  r = load(img, path, argv);         // returns only if exec failed
  unix_fsput(img);
  return r;
}
