// exec.c: where pm's programs come from. pm is the loader of user
// processes: the shared user-level loader (servers/lib/load.c) checks
// the image and builds the new task page by page, each page a frame of
// pm's (mem.c: pagenew), filled in pm's own address space, then mapped
// into the task — L4's way of building an address space from user
// level, with pm keeping every frame it lends (it is the pager:
// copy-on-write fork, and the stack's lower pages on demand). The
// kernel never parses an image for a user process.
//
// Where a program comes from: the file-system server (its FS protocol,
// proto.h) once it runs; before it does, and for a name it does not
// have, the boot bundle — the read-only images the build links into the
// kernel (bundle_find/bundle_readat), found by the path's last component
// ("/bin/init" -> image "init"). So the system can start its first
// process before any file system exists.
//
// An image is untrusted input: a bad one is -ENOEXEC (load.c), a
// missing program -ENOENT, a directory or device -ENOEXEC — and pm
// itself is never hurt: it writes only the frames it is filling.

#include "pm.h"

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
  src->image = bundle_find(lastname(path), &src->size);
  return src->image < 0 ? src->image : 0;
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

// Read n bytes at off into dst: 0, or -1 if the image is shorter (the
// loader's read, struct loader).
static int
readat(void *arg, unsigned int off, char *dst, unsigned int n)
{
  struct source *src = arg;

  if (off > src->size || n > src->size - off)
    return -1;
#ifdef FS_OPEN
  if (src->fd >= 0)
    return fsreadat(src, off, dst, n);
#endif
  return bundle_readat(src->image, off, dst, n);
}

// Build a new task in slot running the program at path with argc
// strings at args (checked: each ends in 0), ready to start (load.c:
// its pages pm's frames, pagenew). Returns 0 with the end of its image
// (the break) in *end, or -error with nothing left behind.
int
loadprogram(int slot, char *path, char *args, int argc, unsigned int *end)
{
  struct source src;
  struct loader l;
  char name[16];
  int r;

  if ((r = findprogram(path, &src)) < 0)
    return r;
  strncpy(name, lastname(path), 15);
  name[15] = 0;
  l.read = readat;
  l.src = &src;
  l.size = src.size;
  l.page = pagenew;
  l.stackpages = 1;             // the pager adds the rest on demand (mem.c)
  r = load_task(&l, PM_CONTROL, slot, name, args, argc, end);
  closeprogram(&src);
  return r;
}
