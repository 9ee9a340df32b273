// loader.c: build an address space from an executable image, and make
// the calling thread run it (the core of every kernel's exec).
//
// The image is a minos executable (vm/image.py, docs/formats.md; the
// numbers are in hw.h):
//
//   offset 0   magic "MNOS", version 1, entry point, number of segments N
//          16  N segment entries: vaddr, file offset, file size,
//              memory size, flags (1 readable, 2 writable, 4 executable), 0
//
// An image is untrusted input: anyone may write a file and exec it. So
// the loader checks every segment before it maps a single page (the
// rules are kernel/include/imgcheck.h's, shared by every loader):
//   - vaddr page-aligned, flags only R/W/X, the last word zero;
//   - [vaddr, vaddr + memsz) inside [USER_BASE, UHEAPMAX), computed so
//     nothing wraps around: the heap and the stack's guard page stay
//     free, and no segment can reach the kernel's device pages;
//   - filesz <= memsz, and the file bytes inside the image;
//   - no two segments overlap; all of them together fit in free memory;
//   - the entry point inside an executable segment.
// A bad image makes exec return -ENOEXEC (errnum.h), an image too big
// for free memory -ENOMEM, arguments that do not fit -E2BIG; nothing is
// mapped or leaked, and the caller's address space is untouched.
//
// Then it builds the new address space: each segment's pages with the
// segment's permissions (text not writable, data not executable; bytes
// past the file size are zero), the user stack (USTACKPAGES pages under
// USTACKTOP, with an unmapped guard page below), and the arguments on
// the stack: the strings, the argv array, then argc and argv at the
// final sp — also in a0 and a1. execimage() then switches the thread
// over, drops its old address space, and the trap return lands at the
// image's entry point in ring 3.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "loader.h"
#include "defs.h"
#include "errnum.h"
#include "imgfmt.h"
#include "imgcheck.h"


// What a loaded image starts with.
struct loaded {
  uint entry;
  uint sp;
  int argc;
  uint argv;
  int err;        // why loadimage failed: -ENOEXEC, -ENOMEM or -E2BIG
};

// Check the image (imgcheck.h: the rules above, shared with every
// loader). Returns 0, -ENOEXEC for a malformed image, or -ENOMEM if it
// plainly cannot fit in free memory (fail now rather than after taking
// every free page).
static int
badimage(struct imghdr *h, struct imgseg *segs)
{
  int pages = img_check(h, segs, 0xFFFFFFFF);   // each read is checked as it happens

  if (pages < 0)
    return pages;
  if ((uint)pages + USTACKPAGES > kfreecount())
    return -ENOMEM;
  return 0;
}

// Copy the segment's file bytes into its (already mapped) pages.
static int
loadseg(pagetable_t pd, struct imgseg *s, struct imgsrc *src)
{
  uint i, n, pa;

  for (i = 0; i < s->filesz; i += PGSIZE) {
    pa = walkaddr(pd, s->vaddr + i);
    if (pa == 0)
      return -1;
    n = s->filesz - i;
    if (n > PGSIZE)
      n = PGSIZE;
    if (src->read(src, (char *)pa, s->off + i, n) < 0)
      return -1;
  }
  return 0;
}

// Push the argument strings and the argv array onto the new stack.
// Returns the final sp, or 0 if they do not fit.
static uint
pushargs(pagetable_t pd, char **argv, int *argcp, uint *argvp)
{
  uint ustack[MAXARG + 1];
  uint sp = USTACKTOP, base;
  uint header[2];
  int argc, len;

  for (argc = 0; argv[argc]; argc++) {
    if (argc >= MAXARG)
      return 0;
    len = strlen(argv[argc]) + 1;
    sp = (sp - len) & ~3;
    if (sp < USTACKBOTTOM + 64)
      return 0;
    if (copyout(pd, sp, argv[argc], len) < 0)
      return 0;
    ustack[argc] = sp;
  }
  ustack[argc] = 0;

  base = (sp - (argc + 1) * sizeof(uint)) & ~7;
  if (base < USTACKBOTTOM + 64)
    return 0;
  if (copyout(pd, base, (char *)ustack, (argc + 1) * sizeof(uint)) < 0)
    return 0;

  // argc and argv at the final sp (8-aligned, as the ABI wants at a call).
  sp = base - 8;
  header[0] = argc;
  header[1] = base;
  if (copyout(pd, sp, (char *)header, sizeof(header)) < 0)
    return 0;
  *argcp = argc;
  *argvp = base;
  return sp;
}

// A new address space holding the image from src, its stack and argv;
// where it starts in *l. Returns 0 if the image is bad or memory runs out,
// with the reason in l->err.
static struct addrspace *
loadimage(struct imgsrc *src, char **argv, struct loaded *l)
{
  struct imghdr h;
  struct imgseg segs[IMG_MAXSEGS];
  struct addrspace *as;
  uint end = USER_BASE;
  int i, perm;

  l->err = -ENOEXEC;
  if (src->read(src, (char *)&h, 0, sizeof(h)) < 0)
    return 0;
  if (h.magic != IMAGE_MAGIC || h.version != IMAGE_VERSION || h.nsegs == 0 || h.nsegs > IMG_MAXSEGS)
    return 0;
  if (src->read(src, (char *)segs, sizeof(h), h.nsegs * sizeof(struct imgseg)) < 0)
    return 0;
  if ((l->err = badimage(&h, segs)) < 0)
    return 0;

  l->err = -ENOMEM;             // from here on, memory can run out
  as = asalloc();
  if (as == 0)
    return 0;
  for (i = 0; i < (int)h.nsegs; i++) {
    if (segs[i].memsz == 0)
      continue;
    perm = 0;
    if (segs[i].flags & SEG_W)
      perm |= PTE_W;
    if (segs[i].flags & SEG_X)
      perm |= PTE_X;
    if (uvmalloc(as->pagetable, segs[i].vaddr, segs[i].vaddr + segs[i].memsz, perm) == 0)
      goto bad;
    if (loadseg(as->pagetable, &segs[i], src) < 0) {
      l->err = -ENOEXEC;        // the image is shorter than its header says
      goto bad;
    }
    if (PGROUNDUP(segs[i].vaddr + segs[i].memsz) > end)
      end = PGROUNDUP(segs[i].vaddr + segs[i].memsz);
  }
  as->sz = end;
  as->heapbase = end;

  // The stack; the page below USTACKBOTTOM stays unmapped (the guard).
  if (uvmalloc(as->pagetable, USTACKBOTTOM, USTACKTOP, PTE_W) == 0)
    goto bad;
  l->sp = pushargs(as->pagetable, argv, &l->argc, &l->argv);
  if (l->sp == 0) {
    l->err = -E2BIG;
    goto bad;
  }
  l->entry = h.entry;
  return as;

bad:
  asput(as);
  return 0;
}

// Make the calling thread run the image from src with arguments argv
// (kernel strings); name is for ps. Returns argc (which lands in a0), or
// an error number (see the top) with the thread unchanged.
int
execimage(struct imgsrc *src, char *name, char **argv)
{
  struct thread *t = mythread();
  struct addrspace *as, *old;
  struct loaded l;
  char *s, *last;

  as = loadimage(src, argv, &l);
  if (as == 0)
    return l.err;

  // Past the point of no return: switch the thread to the new space.
  for (last = s = name; *s; s++)
    if (*s == '/')
      last = s + 1;
  safestrcpy(t->name, last, sizeof(t->name));

  old = t->as;
  push_off();
  t->as = as;
  vmswitch(as->pagetable, as->asid);   // stop using the old directory before freeing it
  pop_off();
  if (old)
    asput(old);

  memset(t->tf, 0, sizeof(*t->tf));
  t->tf->epc = l.entry;
  t->tf->estatus = (3 << STATUS_RING_SHIFT) | STATUS_IE;   // ring 3, interrupts on
  t->tf->usp = l.sp;
  t->tf->a0 = l.argc;
  t->tf->a1 = l.argv;
  return l.argc;
}

static int
readmem(struct imgsrc *src, char *dst, uint off, uint n)
{
  if (off > src->size || n > src->size - off)
    return -1;
  memmove(dst, (char *)src->arg + off, n);
  return 0;
}

// exec an image that is already in kernel memory (for a kernel that has
// its first programs linked in as data instead of on a disk).
int
exec_mem(char *name, char *image, uint size, char **argv)
{
  struct imgsrc src;

  src.read = readmem;
  src.arg = image;
  src.size = size;
  return execimage(&src, name, argv);
}
