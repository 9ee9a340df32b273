// exec.c: pm is the loader of the micro world. It reads a program,
// checks it, and builds the new task's memory page by page: each page
// is a frame of pm's (mem.c: pagenew), filled in pm's own address
// space, then mapped into the task — L4's way of building an address
// space from user level, with pm keeping every frame it lends (it is
// the pager: copy-on-write fork). The kernel never parses an image for
// a user process.
//
// Where a program comes from: the file-system server (its FS protocol,
// proto.h) once it runs; before it does, and for a name it does not
// have, the boot bundle — the read-only images the build links into the
// kernel (bundle_image/bundle_read), found by the path's last component
// ("/bin/init" -> image "init"). So the system can start its first
// process before any file system exists.
//
// An image is untrusted input (anyone may write a file and exec it), so
// every loader's check (kernel/include/imgcheck.h) is made here before
// a page is built (the format: docs/formats.md, hw.h): magic and version, 1 to
// IMG_MAXSEGS segments, each page-aligned with only R/W/X flags and a zero
// last word, inside [USER_BASE, UHEAPMAX) without wrapping, file bytes
// within memory size and within the image, no two overlapping, the
// entry inside an executable segment. A bad image is -ENOEXEC, a
// missing program -ENOENT, arguments that do not fit on the first
// stack page -E2BIG, memory running out -ENOMEM — and pm itself is
// never hurt: it writes only the frames it is filling.

#include "pm.h"
#include "imgfmt.h"
#include "imgcheck.h"

// A program being read: an open file of the fs server (fd >= 0; pos:
// where its next read starts) or a bundle image (image >= 1).
struct source {
  int fd;
  unsigned int pos;
  int image;
  unsigned int size;
  char *path;
};

// The last component of path ("/bin/sh" -> "sh").
char *
lastname(char *path)
{
  char *s, *last = path;

  for (s = path; *s; s++)
    if (*s == '/')
      last = s + 1;
  return last;
}

// The bundle image whose name is the last component of path.
static int
findbundle(char *path, struct source *src)
{
  char name[16], want[16], *last = lastname(path);
  int i, size;

  if (strlen(last) > 15)
    return -ENOENT;
  strcpy(want, last);
  for (i = 1; (size = bundle_image(i, name)) >= 0; i++) {
    if (strcmp(name, want) == 0) {
      src->image = i;
      src->size = size;
      return 0;
    }
  }
  return -ENOENT;
}

#ifdef FS_OPEN
// Open path for reading on the fs server: 0, or -ENOENT (not there), or
// -ENOEXEC (not a plain file: never read a device or a directory).
static int
fsopen(char *path, struct source *src)
{
  struct stat st;
  struct msg m;
  int fd;

  fd = fscall(&m, FS_OPEN, O_RDONLY, 0, path, strlen(path) + 1, 0, 0);
  if (fd < 0)
    return fd;
  if (fscall(&m, FS_FSTAT, fd, 0, 0, 0, &st, sizeof(st)) < 0 || st.type != T_FILE) {
    fscall(&m, FS_CLOSE, fd, 0, 0, 0, 0, 0);
    return -ENOEXEC;
  }
  src->fd = fd;
  src->pos = 0;
  src->size = st.size;
  return 0;
}

// n bytes at off from the open file. The server reads in order only,
// so going back means opening the file again; going forward skips.
static int
fsreadat(struct source *src, unsigned int off, char *dst, unsigned int n)
{
  struct msg m;
  char skip[512];
  unsigned int want;
  int got;

  if (off < src->pos) {
    fscall(&m, FS_CLOSE, src->fd, 0, 0, 0, 0, 0);
    if (fsopen(src->path, src) < 0)
      return -1;
  }
  while (src->pos < off + n) {
    if (src->pos < off) {
      want = off - src->pos < sizeof(skip) ? off - src->pos : sizeof(skip);
      got = fscall(&m, FS_READ, src->fd, want, 0, 0, skip, want);
    } else {
      want = off + n - src->pos < IPC_MAXLONG ? off + n - src->pos : IPC_MAXLONG;
      got = fscall(&m, FS_READ, src->fd, want, 0, 0, dst + (src->pos - off), want);
    }
    if (got <= 0)
      return -1;
    src->pos += got;
  }
  return 0;
}
#endif

// Find the program: on the fs server if it runs, else (or if it has
// no such file) in the boot bundle.
static int
findprogram(char *path, struct source *src)
{
  int r = -ENOENT;

  src->fd = -1;
  src->image = 0;
  src->path = path;
#ifdef FS_OPEN
  if (havefs)
    r = fsopen(path, src);
#endif
  return r == -ENOENT ? findbundle(path, src) : r;
}

static void
closeprogram(struct source *src)
{
#ifdef FS_OPEN
  struct msg m;

  if (src->fd >= 0)
    fscall(&m, FS_CLOSE, src->fd, 0, 0, 0, 0, 0);
#endif
  src->fd = -1;
}

// Read n bytes at off into dst: 0, or -1 if the image is shorter.
static int
readat(struct source *src, unsigned int off, char *dst, unsigned int n)
{
  int got;

  if (off > src->size || n > src->size - off)
    return -1;
#ifdef FS_OPEN
  if (src->fd >= 0)
    return fsreadat(src, off, dst, n);
#endif
  while (n > 0) {
    got = bundle_read(src->image, off, dst, n);
    if (got <= 0)
      return -1;
    off += got;
    dst += got;
    n -= got;
  }
  return 0;
}

// Check the whole segment table (imgcheck.h: every loader's rules, the
// file bytes inside the file's size); the end of the highest segment in
// *end (where the heap begins).
static int
checkimage(struct imghdr *h, struct imgseg *segs, unsigned int size, unsigned int *end)
{
  int i, r = img_check(h, segs, size);

  if (r < 0)
    return r;
  *end = USER_BASE;
  for (i = 0; i < (int)h->nsegs; i++)
    if (PGROUNDUP(segs[i].vaddr + segs[i].memsz) > *end)
      *end = PGROUNDUP(segs[i].vaddr + segs[i].memsz);
  return 0;
}

// Filling one page of a segment: the file bytes of the page at `done`.
struct segfill {
  struct imgseg *s;
  struct source *src;
  unsigned int done;
};

static int
fillseg(void *arg, char *page)
{
  struct segfill *f = arg;
  unsigned int n = f->done < f->s->filesz ? f->s->filesz - f->done : 0;

  if (n > PGSIZE)
    n = PGSIZE;
  if (n > 0 && readat(f->src, f->s->off + f->done, page, n) < 0)
    return -ENOEXEC;             // the image is shorter than it says
  return 0;
}

// Build segment s of the task in slot, page by page (mem.c: pagenew
// fills a frame of pm's and maps it into the task).
static int
loadseg(int slot, struct imgseg *s, struct source *src)
{
  struct segfill f;
  unsigned int flags = (s->flags & SEG_W) ? PG_W | PG_MAPW : 0;
  int r;

  if (s->flags & SEG_X)
    flags |= PG_X;
  f.s = s;
  f.src = src;
  for (f.done = 0; f.done < s->memsz; f.done += PGSIZE)
    if ((r = pagenew(slot, (s->vaddr + f.done) | flags, fillseg, &f)) < 0)
      return r;
  return 0;
}

// Filling the first stack page: the argument strings and where the
// stack pointer starts.
struct stackfill {
  char *args;
  int argc;
  unsigned int sp;
};

// The first stack page (the top one; the pager adds the rest on
// demand): the argument strings, the argv array, then argc and argv at
// the initial sp, as crt0.s expects. 0, or -E2BIG.
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

static int
buildstack(int slot, char *args, int argc, unsigned int *sp)
{
  struct stackfill f;
  int r;

  f.args = args;
  f.argc = argc;
  if ((r = pagenew(slot, (USTACKTOP - PGSIZE) | PG_W | PG_MAPW, fillstack, &f)) < 0)
    return r;
  *sp = f.sp;
  return 0;
}

// Build the task in slot from the image src (see loadprogram).
static int
buildimage(int slot, char *path, struct source *src, char *args, int argc,
           unsigned int *entry, unsigned int *sp, unsigned int *end)
{
  struct imghdr h;
  struct imgseg segs[IMG_MAXSEGS];
  char name[16];
  int i, r;

  if (readat(src, 0, (char *)&h, sizeof(h)) < 0)
    return -ENOEXEC;
  if (h.magic != IMAGE_MAGIC || h.version != IMAGE_VERSION || h.nsegs == 0 || h.nsegs > IMG_MAXSEGS)
    return -ENOEXEC;
  if (readat(src, sizeof(h), (char *)segs, h.nsegs * sizeof(struct imgseg)) < 0)
    return -ENOEXEC;
  if ((r = checkimage(&h, segs, src->size, end)) < 0)
    return r;
  strncpy(name, lastname(path), 15);
  name[15] = 0;
  if ((r = task_new(PM_CONTROL, slot, name)) < 0)
    return r;
  for (i = 0; i < (int)h.nsegs; i++)
    if ((r = loadseg(slot, &segs[i], src)) < 0)
      return r;
  if ((r = buildstack(slot, args, argc, sp)) < 0)
    return r;
  *entry = h.entry;
  return 0;
}

// Build a new task in slot running the program at path with argc
// strings at args (checked: each ends in 0). Returns 0 with where it starts (entry,
// sp) and the end of its image (the break), or -error with nothing
// left behind but the slot's task for the caller to kill.
int
loadprogram(int slot, char *path, char *args, int argc,
            unsigned int *entry, unsigned int *sp, unsigned int *end)
{
  struct source src;
  int r;

  if ((r = findprogram(path, &src)) < 0)
    return r;
  r = buildimage(slot, path, &src, args, argc, entry, sp, end);
  closeprogram(&src);
  return r;
}
