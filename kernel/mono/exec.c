// exec.c: replace the calling process's program with one from a file.
//
// The file is a minos executable image (vm/image.py, docs/formats.md):
//
//   offset 0   magic "MNOS", version 1, entry point, number of segments N
//          16  N segment entries: vaddr, file offset, file size,
//              memory size, flags (1 readable, 2 writable, 4 executable), 0
//
// exec builds a whole new address space before touching the old one, so
// a failure leaves the caller intact and exec just returns an error
// number (errnum.h): -ENOENT (no such file), -ENOEXEC (not a valid
// image, a directory for one), -E2BIG (more than MAXARG arguments, or
// they do not fit on the stack), -ENOMEM (out of memory). It builds:
//   - each segment's pages, with the segment's permissions: text is not
//     writable, data is not executable; the bytes past the file size are
//     zero (bss);
//   - the user stack, USTACKPAGES pages under USTACKTOP, with an unmapped
//     guard page below it (a stack overflow faults instead of silently
//     running into the heap);
//   - the arguments on the stack: the strings, then the argv array, then
//     argc and argv at the final sp — and also in a0 and a1.
// Then it switches the process over, frees the old space, and the trap
// return lands at the image's entry point in ring 3.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"
#include "errnum.h"

#define IMG_MAGIC    0x534F4E4D   // "MNOS" read as a little-endian word
#define IMG_VERSION  1
#define IMG_MAXSEGS  16
#define SEG_W        2
#define SEG_X        4

struct imghdr {
  uint magic;
  uint version;
  uint entry;
  uint nsegs;
};

struct imgseg {
  uint vaddr;
  uint off;
  uint filesz;
  uint memsz;
  uint flags;
  uint zero;
};

// Where the image comes from: an inode, or (for the boot fallback) memory.
struct source {
  struct inode *ip;
  char *mem;
  uint size;
};

// Read n bytes at offset off of the image into kernel memory dst.
// Returns 0, or -1 if the image is shorter.
static int
readsrc(struct source *src, char *dst, uint off, uint n)
{
  if (src->ip)
    return readi(src->ip, 0, (uint)dst, off, n) == (int)n ? 0 : -1;
  if (off > src->size || n > src->size - off)
    return -1;
  memmove(dst, src->mem + off, n);
  return 0;
}

// Check one segment: page-aligned, inside user space below the stack's
// guard page, not wrapping, file size within memory size.
static int
badseg(struct imgseg *s)
{
  if (s->vaddr % PGSIZE != 0 || s->vaddr < USERBASE)
    return 1;
  if (s->memsz < s->filesz || s->memsz > UHEAPMAX - s->vaddr)
    return 1;
  return 0;
}

// Copy the segment's file bytes into its (already mapped) pages.
static int
loadseg(pagetable_t pd, struct imgseg *s, struct source *src)
{
  uint i, n, pa;

  for (i = 0; i < s->filesz; i += PGSIZE) {
    pa = walkaddr(pd, s->vaddr + i);
    if (pa == 0)
      panic("loadseg: page not mapped");
    n = s->filesz - i;
    if (n > PGSIZE)
      n = PGSIZE;
    if (readsrc(src, (char *)pa, s->off + i, n) < 0)
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

static int
load(struct source *src, char *name, char **argv)
{
  struct imghdr h;
  struct imgseg segs[IMG_MAXSEGS];
  struct proc *p = myproc();
  pagetable_t pd = 0, oldpd;
  uint asid = 0, oldasid, end = USERBASE, sp, argvaddr;
  int i, j, perm, argc, entry_ok = 0;
  int err = -ENOEXEC;           // until the image has been checked
  char *s, *last;

  if (readsrc(src, (char *)&h, 0, sizeof(h)) < 0)
    goto bad;
  if (h.magic != IMG_MAGIC || h.version != IMG_VERSION || h.nsegs == 0 || h.nsegs > IMG_MAXSEGS)
    goto bad;
  if (readsrc(src, (char *)segs, sizeof(h), h.nsegs * sizeof(struct imgseg)) < 0)
    goto bad;

  // Check every segment, and that no two overlap, before mapping any.
  for (i = 0; i < (int)h.nsegs; i++) {
    if (badseg(&segs[i]))
      goto bad;
    for (j = 0; j < i; j++)
      if (segs[i].vaddr < segs[j].vaddr + segs[j].memsz && segs[j].vaddr < segs[i].vaddr + segs[i].memsz)
        goto bad;
    if ((segs[i].flags & SEG_X) && h.entry >= segs[i].vaddr && h.entry < segs[i].vaddr + segs[i].memsz)
      entry_ok = 1;
  }
  if (!entry_ok)
    goto bad;

  err = -ENOMEM;                // from here on, only memory can run out
  pd = uvmcreate();
  if (pd == 0)
    goto bad;
  for (i = 0; i < (int)h.nsegs; i++) {
    if (segs[i].memsz == 0)
      continue;
    perm = 0;
    if (segs[i].flags & SEG_W)
      perm |= PTE_W;
    if (segs[i].flags & SEG_X)
      perm |= PTE_X;
    if (uvmalloc(pd, segs[i].vaddr, segs[i].vaddr + segs[i].memsz, perm) == 0)
      goto bad;
    if (loadseg(pd, &segs[i], src) < 0) {
      err = -ENOEXEC;           // the image is shorter than its header says
      goto bad;
    }
    if (PGROUNDUP(segs[i].vaddr + segs[i].memsz) > end)
      end = PGROUNDUP(segs[i].vaddr + segs[i].memsz);
  }

  // The stack; the page below USTACKBOTTOM stays unmapped (the guard).
  if (uvmalloc(pd, USTACKBOTTOM, USTACKTOP, PTE_W) == 0)
    goto bad;
  sp = pushargs(pd, argv, &argc, &argvaddr);
  if (sp == 0) {
    err = -E2BIG;
    goto bad;
  }
  asid = asidalloc();
  if (asid == 0)
    goto bad;

  // Past the point of no return: switch the process to the new space.
  for (last = s = name; *s; s++)
    if (*s == '/')
      last = s + 1;
  safestrcpy(p->name, last, sizeof(p->name));

  oldpd = p->pagetable;
  oldasid = p->asid;
  push_off();
  p->pagetable = pd;
  p->asid = asid;
  p->sz = end;
  p->heapbase = end;
  vmswitch(pd, asid);        // stop using the old directory before freeing it
  pop_off();
  if (oldpd)
    uvmfree(oldpd);
  if (oldasid)
    asidfree(oldasid);

  memset(p->tf, 0, sizeof(*p->tf));
  p->tf->epc = h.entry;
  p->tf->estatus = (3 << STATUS_RING_SHIFT) | STATUS_IE;   // ring 3, interrupts on
  p->tf->usp = sp;
  p->tf->a0 = argc;
  p->tf->a1 = argvaddr;
  return argc;   // lands in a0, which already holds argc

bad:
  if (pd)
    uvmfree(pd);
  return err;
}

// exec a program file. path and argv are kernel strings.
int
exec(char *path, char **argv)
{
  struct inode *ip;
  struct source src;
  int r;

  begin_op();
  ip = namei(path);
  if (ip == 0) {
    end_op();
    return -ENOENT;
  }
  ilock(ip);
  src.ip = ip;
  src.mem = 0;
  src.size = 0;
  r = load(&src, path, argv);
  iunlockput(ip);
  end_op();
  return r;
}

// exec an image that is already in kernel memory (for a kernel that has
// its first programs linked in as data instead of on a disk).
int
exec_mem(char *name, char *image, uint size, char **argv)
{
  struct source src;

  src.ip = 0;
  src.mem = image;
  src.size = size;
  return load(&src, name, argv);
}

// int exec(char *path, char **argv)
int
sys_exec(void)
{
  char path[MAXPATH];
  char *argv[MAXARG + 1];
  uint uargv, uarg;
  int i, r;

  if ((r = argstr(0, path, MAXPATH)) < 0)
    return r;
  argaddr(1, &uargv);
  for (i = 0; i <= MAXARG; i++)
    argv[i] = 0;
  // Up to MAXARG arguments, then the terminating 0 (argv has room for it).
  for (i = 0;; i++) {
    if ((r = fetchaddr(uargv + i * sizeof(uint), &uarg)) < 0)
      goto out;
    if (uarg == 0)
      break;
    r = -E2BIG;
    if (i >= MAXARG)
      goto out;
    r = -ENOMEM;
    argv[i] = kalloc();
    if (argv[i] == 0)
      goto out;
    if ((r = fetchstr(uarg, argv[i], PGSIZE)) < 0) {
      if (r == -ENAMETOOLONG)
        r = -E2BIG;             // one argument longer than a page
      goto out;
    }
  }
  r = exec(path, argv);

out:
  for (i = 0; i < MAXARG && argv[i] != 0; i++)
    kfree(argv[i]);
  return r;
}
