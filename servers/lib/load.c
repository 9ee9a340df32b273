// load.c: the loader of the micro world — a task from a program image,
// built from user space. The kernel loads one image, the root task's
// (kernel/micro/task.c); every other task is made here, by whoever
// starts it: the root task starts rs, rs starts (and restarts) the
// drivers and servers, pm execs user programs (servers/pm/exec.c). L4's
// way: an address space is built by mapping pages into it from another.
//
// load_task reads the image through its source (l->read), checks it as
// every loader does (kernel/include/imgcheck.h) before anything is
// made, makes the task (tasknew), then builds each page with l->page:
// the page's address | PG_* flags, and a function that fills it.
//   - task_spawn (below), for servers: a fresh page of ours at LOAD_VA,
//     filled, then granted to the task (L4's grant): the page is the
//     task's alone, freed with it. A server has no pager, so its whole
//     stack is built now.
//   - pm's pagenew (servers/pm/mem.c): a frame of pm's, mapped into the
//     process — pm keeps every page it lends (copy-on-write fork); it is
//     the pager, so one stack page is enough, the rest come on demand.
// Last, the stack's top page gets the arguments (argc, argv, the
// strings, as crt0.s expects) and the thread its entry and sp
// (taskregs). The task does not run until its maker start()s it.
//
// An image is untrusted input (anyone may write a file and exec it): a
// bad one is -ENOEXEC, arguments that do not fit on the top stack page
// -E2BIG, memory running out -ENOMEM; the loader writes only the pages
// it is filling. Not reentrant: one load at a time per address space
// (task_spawn's page at LOAD_VA).

#include <string.h>
#include "mk.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"     // PGROUNDUP
#include "imgfmt.h"
#include "imgcheck.h"
#include "bundle.h"

// ---- the boot bundle (bundle.h; the kernel reads it out: bundleread) ----

int
bundle_image(int image, char *name)
{
  struct bundlehdr h;
  struct bundleent e;

  if (bundle_read(-1, 0, &h, sizeof(h)) != sizeof(h) || image < 0 || image >= (int)h.n ||
      bundle_read(-1, sizeof(h) + image * sizeof(e), &e, sizeof(e)) != sizeof(e))
    return -ENOENT;
  memmove(name, e.name, 16);
  return e.size;
}

int
bundle_find(char *want, unsigned int *size)
{
  struct bundleent e[8];
  int i, n, image = 0;

  for (;;) {                    // the table of contents, 8 entries at a time
    n = bundle_read(-1, sizeof(struct bundlehdr) + image * sizeof(e[0]), e, sizeof(e));
    if (n < (int)sizeof(e[0]))
      return -ENOENT;
    for (i = 0; i < n / (int)sizeof(e[0]); i++, image++) {
      if (image > 0 && strncmp(e[i].name, want, sizeof(e[i].name)) == 0) {
        if (size)
          *size = e[i].size;
        return image;
      }
    }
  }
}

int
bundle_readat(int image, unsigned int off, char *dst, unsigned int n)
{
  int got;

  while (n > 0) {
    if ((got = bundle_read(image, off, dst, n)) <= 0)
      return -1;
    off += got;
    dst += got;
    n -= got;
  }
  return 0;
}

// ---- building a task ----

// Filling one page of a segment: the file bytes of the page at `done`.
struct segfill {
  struct loader *l;
  struct imgseg *s;
  unsigned int done;
};

static int
fillseg(void *arg, char *page)
{
  struct segfill *f = arg;
  unsigned int n = f->s->filesz - f->done;

  if (n > PGSIZE)
    n = PGSIZE;
  if (f->l->read(f->l->src, f->s->off + f->done, page, n) < 0)
    return -ENOEXEC;             // the image is shorter than it says
  return 0;
}

static int
loadseg(struct loader *l, int slot, struct imgseg *s)
{
  struct segfill f;
  unsigned int flags = (s->flags & SEG_W) ? PG_W | PG_MAPW : 0;
  int r;

  if (s->flags & SEG_X)
    flags |= PG_X;
  f.l = l;
  f.s = s;
  for (f.done = 0; f.done < s->memsz; f.done += PGSIZE)     // (a page past the file bytes: zeroes)
    if ((r = l->page(slot, (s->vaddr + f.done) | flags, f.done < s->filesz ? fillseg : 0, &f)) < 0)
      return r;
  return 0;
}

// Filling the top stack page: the argument strings and where the stack
// pointer starts.
struct stackfill {
  char *args;
  int argc;
  unsigned int sp;
};

// The strings, the argv array, then argc and argv at the initial sp, as
// crt0.s expects. 0, or -E2BIG.
static int
fillstack(void *arg, char *page)
{
  struct stackfill *f = arg;
  unsigned int ptrs[MAXARG + 1], top = PGSIZE, base, at, len;
  unsigned int pageva = USTACKTOP - PGSIZE;
  char *args = f->args;
  int i, argc = f->argc;

  for (i = 0; i < argc; i++) {
    len = strlen(args) + 1;
    if (len > top)
      break;
    top = (top - len) & ~3u;
    if (top < 64)
      break;
    memmove(page + top, args, len);
    ptrs[i] = pageva + top;
    args += len;
  }
  if (i < argc || top < (argc + 1) * 4 + 72)
    return -E2BIG;
  ptrs[argc] = 0;
  base = (top - (argc + 1) * 4) & ~7u;
  memmove(page + base, ptrs, (argc + 1) * 4);
  at = base - 8;
  *(unsigned int *)(page + at) = argc;
  *(unsigned int *)(page + at + 4) = pageva + base;
  f->sp = pageva + at;
  return 0;
}

// The stack: the top page with the arguments, and l->stackpages - 1
// empty ones under it.
static int
buildstack(struct loader *l, int slot, char *args, int argc, unsigned int *sp)
{
  struct stackfill f;
  int i, r;

  if (argc > MAXARG)
    return -E2BIG;
  f.args = args;
  f.argc = argc;
  if ((r = l->page(slot, (USTACKTOP - PGSIZE) | PG_W | PG_MAPW, fillstack, &f)) < 0)
    return r;
  for (i = 2; i <= l->stackpages; i++)
    if ((r = l->page(slot, (USTACKTOP - i * PGSIZE) | PG_W | PG_MAPW, 0, 0)) < 0)
      return r;
  *sp = f.sp;
  return 0;
}

int
load_task(struct loader *l, int control, int slot, char *name, char *args, int argc,
          unsigned int *end)
{
  struct imghdr h;
  struct imgseg segs[IMG_MAXSEGS];
  unsigned int sp;
  int i, r;

  if (l->read(l->src, 0, (char *)&h, sizeof(h)) < 0)
    return -ENOEXEC;
  if (h.magic != IMAGE_MAGIC || h.version != IMAGE_VERSION || h.nsegs == 0 || h.nsegs > IMG_MAXSEGS)
    return -ENOEXEC;
  if (l->read(l->src, sizeof(h), (char *)segs, h.nsegs * sizeof(struct imgseg)) < 0)
    return -ENOEXEC;
  if ((r = img_check(&h, segs, l->size)) < 0)
    return r;
  *end = USER_BASE;             // the end of the highest segment: where the heap begins
  for (i = 0; i < (int)h.nsegs; i++)
    if (PGROUNDUP(segs[i].vaddr + segs[i].memsz) > *end)
      *end = PGROUNDUP(segs[i].vaddr + segs[i].memsz);
  if ((r = task_new(control, slot, name)) < 0)
    return r;
  for (r = i = 0; i < (int)h.nsegs && r == 0; i++)
    r = loadseg(l, slot, &segs[i]);
  if (r == 0)
    r = buildstack(l, slot, args, argc, &sp);
  if (r == 0)
    r = task_regs(slot, h.entry, sp, argc);
  if (r < 0) {
    task_kill(slot);
    cap_delete(slot);
  }
  return r;
}

// ---- servers: a task from a bundle image, its pages its own ----

// A page for task_spawn: an empty one made in the task at once; one
// with bytes a fresh one of ours at LOAD_VA, filled, then granted to
// the task at va (writable if PG_W).
static int
pagegive(int slot, unsigned int va, int (*fill)(void *, char *), void *arg)
{
  int r;

  if (fill == 0)
    return page_alloc(slot, va & ~(PGSIZE - 1), ((va & PG_W) ? MAP_W : 0) | ((va & PG_X) ? MAP_X : 0));
  if ((r = page_alloc(-1, LOAD_VA, MAP_W | ((va & PG_X) ? MAP_X : 0))) < 0)
    return r;
  if ((r = fill(arg, (char *)LOAD_VA)) == 0 &&
      (r = page_grant(slot, LOAD_VA, va & ~(PGSIZE - 1), (va & PG_W) ? MAP_W : MAP_R)) == 0)
    return 0;
  page_unmap(-1, LOAD_VA);
  return r;
}

static int
bundlesrc(void *src, unsigned int off, char *dst, unsigned int n)
{
  return bundle_readat((int)src, off, dst, n);
}

int
task_spawn(int control, int image, char *arg, int slot)
{
  struct loader l;
  char args[16 + 32];
  unsigned int end;
  int size, r;

  if ((size = bundle_image(image, args)) < 0)
    return size;
  args[15] = 0;
  if (arg && strlen(arg) >= 32)
    return -E2BIG;
  if (arg)
    strcpy(args + strlen(args) + 1, arg);
  l.read = bundlesrc;
  l.src = (void *)image;
  l.size = size;
  l.page = pagegive;
  l.stackpages = USTACKPAGES;
  if ((r = load_task(&l, control, slot, args, args, arg ? 2 : 1, &end)) < 0)
    return r;
  return slot;
}
