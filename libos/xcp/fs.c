// fs.c: the file system operations XCP needs (libos/xcp), on the
// on-disk format itself (kernel/include/unix/fs.h: the image mkfs writes
// and mono's kernel reads), through XCP's own block cache (cache.c).
//
// Where the image lies (block xcp_fsbase; every block number inside it
// is relative to that block): in XCP's partition if the boot bundle
// names one (its entry XCP_PART: first block, number of blocks: a disk
// shared with another library OS, docs/exo.md "Two library OSes side by
// side"), else right after the boot bundle (XCP alone). xcp_mount binds
// all of its blocks to this env's disk domain: from then on the kernel
// lets no other env read or write them, and lets us touch no block
// outside our domain but the public bundle.
//
// No log: xcp_copy writes in an order that never leaves a directory
// entry naming something unwritten — the data blocks, then the indirect
// block, the bitmap and the inode, and the directory entry last (a new
// directory block before the directory's inode grows over it). The
// bitmap may reach the disk sooner, when its cache slot is wanted: that
// only marks blocks in use early. A crash before the last write leaves
// at most an inode and blocks that no name reaches (fsck reports them),
// never a name on wrong contents.

#include <string.h>
#include "errnum.h"
#include "xcp.h"

uint xcp_fsbase;
struct superblock xcp_sb;

// fs block b (relative) in the cache.
static struct xbuf *
fsget(uint b)
{
  return xcp_bget(xcp_fsbase + b);
}

// The image starts after the bundle's last image: read block 0 (public).
static int
findimage(void)
{
  struct xbuf *b = xcp_bget(0);
  struct exobentry *ent;
  uint i, n, end = 1;

  if (b == 0 || ((uint *)b->data)[0] != EXOB_MAGIC)
    return -EIO;
  n = ((uint *)b->data)[1];
  for (i = 0; i < n && 8 + (i + 1) * sizeof(*ent) <= BSIZE; i++) {
    ent = (struct exobentry *)(b->data + 8 + i * sizeof(*ent));
    if (ent->block + (ent->size + BSIZE - 1) / BSIZE > end)
      end = ent->block + (ent->size + BSIZE - 1) / BSIZE;
  }
  return end;
}

// XCP's partition, if the bundle names one: 1 and *first, *n; 0 if it
// names none; -errno if its entry is not a partition's (8 bytes).
static int
findpart(uint *first, uint *n)
{
  struct exobentry ent;
  struct xbuf *b;

  if (xcp_bundlefind(XCP_PART, &ent) < 0)
    return 0;
  if (ent.size != 2 * sizeof(uint) || (b = xcp_bget(ent.block)) == 0)
    return -EINVAL;
  *first = ((uint *)b->data)[0];
  *n = ((uint *)b->data)[1];
  return 1;
}

int
xcp_mount(void)
{
  struct xbuf *b;
  uint first, n = 0;
  int base;

  if (xcp_cacheinit() < 0)
    return -ENOMEM;
  if ((base = findpart(&first, &n)) < 0)
    return base;
  if (base == 1)
    base = first;
  else if ((base = findimage()) < 0)
    return base;
  xcp_fsbase = base;
  if (exo_disk_bind(xcp_fsbase, 2) < 0 || (b = fsget(1)) == 0)
    return -EIO;                       // no image there, or another domain's
  memmove(&xcp_sb, b->data, sizeof(xcp_sb));
  if (xcp_sb.magic != FSMAGIC || xcp_sb.size < 2 || (n != 0 && xcp_sb.size > n))
    return -EINVAL;                    // not an image, or larger than our partition
  if (exo_disk_bind(xcp_fsbase, xcp_sb.size) < 0)
    return -EIO;                       // part of it is someone else's
  return 0;
}

int
xcp_iget(uint inum, struct dinode *di)
{
  struct xbuf *b;

  if (inum == 0 || inum >= xcp_sb.ninodes)
    return -EINVAL;
  if ((b = fsget(IBLOCK(inum, xcp_sb))) == 0)
    return -EIO;
  memmove(di, b->data + (inum % IPB) * sizeof(*di), sizeof(*di));
  return 0;
}

// Write inode inum back (into its cached block: flushed later).
static int
iput(uint inum, struct dinode *di)
{
  struct xbuf *b = fsget(IBLOCK(inum, xcp_sb));

  if (b == 0)
    return -EIO;
  memmove(b->data + (inum % IPB) * sizeof(*di), di, sizeof(*di));
  b->dirty = 1;
  return 0;
}

// The blocks of file di, in order: n of them into addrs (MAXFILE room).
// 0 or -errno: a damaged inode (too large, a hole, a block outside the
// image) is refused, never followed.
static int
blocksof(struct dinode *di, uint *addrs, uint n)
{
  struct xbuf *b;
  uint i;

  if (n > MAXFILE)
    return -EFBIG;
  for (i = 0; i < n && i < NDIRECT; i++)
    addrs[i] = di->addrs[i];
  if (n > NDIRECT) {
    if (di->addrs[NDIRECT] == 0 || di->addrs[NDIRECT] >= xcp_sb.size
        || (b = fsget(di->addrs[NDIRECT])) == 0)
      return -EIO;
    memmove(addrs + NDIRECT, b->data, (n - NDIRECT) * sizeof(uint));
  }
  for (i = 0; i < n; i++)
    if (addrs[i] == 0 || addrs[i] >= xcp_sb.size)
      return -EIO;
  return 0;
}

// The inode named name in directory dinode dir, or -ENOENT. With slot
// set, also the first free entry's block and offset (*slotb 0: none).
static int
dirlookup(struct dinode *dir, char *name, uint *slotb, uint *sloto)
{
  static uint addrs[MAXFILE];
  struct dirent *de;
  struct xbuf *b;
  uint i, off, n = (dir->size + BSIZE - 1) / BSIZE;

  if (dir->type != T_DIR)
    return -ENOTDIR;
  if (blocksof(dir, addrs, n) < 0)
    return -EIO;
  if (slotb)
    *slotb = 0;
  for (i = 0; i < n; i++) {
    if ((b = fsget(addrs[i])) == 0)
      return -EIO;
    for (off = 0; off < BSIZE && i * BSIZE + off < dir->size; off += sizeof(*de)) {
      de = (struct dirent *)(b->data + off);
      if (de->inum == 0) {
        if (slotb && *slotb == 0) {
          *slotb = addrs[i];
          *sloto = off;
        }
      } else if (strncmp(de->name, name, DIRSIZ) == 0)
        return de->inum;
    }
  }
  return -ENOENT;
}

// The directory holding path and the last name in it (into name).
static int
parent(char *path, char *name)
{
  struct dinode di;
  char *p = path, *e;
  int inum = ROOTINO;

  for (;;) {
    while (*p == '/')
      p++;
    for (e = p; *e && *e != '/'; e++)
      ;
    if (e - p >= DIRSIZ || e == p)
      return -EINVAL;
    memset(name, 0, DIRSIZ);
    memmove(name, p, e - p);
    while (*e == '/')
      e++;
    if (*e == 0)
      return inum;
    if (xcp_iget(inum, &di) < 0 || (inum = dirlookup(&di, name, 0, 0)) < 0)
      return inum < 0 ? inum : -EIO;
    p = e;
  }
}

int
xcp_namei(char *path)
{
  struct dinode di;
  char name[DIRSIZ];
  int dir = parent(path, name);

  if (dir < 0 || xcp_iget(dir, &di) < 0)
    return dir < 0 ? dir : -EIO;
  return dirlookup(&di, name, 0, 0);
}

// A free data block: its bit set in the cached bitmap. 0 if none.
static uint
balloc(void)
{
  static uint next;
  struct xbuf *bm;
  uint b, first = xcp_sb.size - xcp_sb.nblocks;

  if (next < first)
    next = first;
  for (b = next; b < xcp_sb.size; ) {
    if ((bm = fsget(BBLOCK(b, xcp_sb))) == 0)
      return 0;
    do {                               // the rest of this bitmap block
      if ((bm->data[(b % BPB) / 8] & (1 << (b % 8))) == 0) {
        bm->data[(b % BPB) / 8] |= 1 << (b % 8);
        bm->dirty = 1;
        next = b + 1;
        return b;
      }
      b++;
    } while (b < xcp_sb.size && b % BPB != 0);
  }
  return 0;
}

// A free inode, made a file of size bytes in blocks addrs: its number.
static int
ialloc(struct dinode *di)
{
  struct dinode cur;
  uint inum;

  for (inum = ROOTINO + 1; inum < xcp_sb.ninodes; inum++) {
    if (xcp_iget(inum, &cur) < 0)
      return -EIO;
    if (cur.type == 0)
      return iput(inum, di) < 0 ? -EIO : (int)inum;
  }
  return -ENOSPC;
}

// Name inum in directory dirinum: a free entry, or one more at its end
// (in a new block when the last is full; the directory's inode then
// grows with it).
static int
dirlink(uint dirinum, char *name, uint inum)
{
  struct dinode dir;
  struct dirent *de;
  struct xbuf *b;
  uint blk, off, n;

  if (xcp_iget(dirinum, &dir) < 0)
    return -EIO;
  if (dirlookup(&dir, name, &blk, &off) >= 0)
    return -EEXIST;
  if (blk == 0) {                      // no free entry: grow
    n = dir.size / BSIZE;
    off = dir.size % BSIZE;
    if (off == 0) {                    // a new block, on disk before the inode says so
      if (n >= NDIRECT || (blk = balloc()) == 0)
        return -ENOSPC;
      if ((b = xcp_bslot(xcp_fsbase + blk)) == 0)
        return -EIO;
      memset(b->data, 0, BSIZE);
      b->dirty = 1;
      if (xcp_bflush() < 0)
        return -EIO;
      dir.addrs[n] = blk;
    }
    blk = dir.addrs[dir.size / BSIZE];
    dir.size += sizeof(*de);
    if (iput(dirinum, &dir) < 0)
      return -EIO;
  }
  if ((b = fsget(blk)) == 0)
    return -EIO;
  de = (struct dirent *)(b->data + off);
  de->inum = inum;
  memmove(de->name, name, DIRSIZ);
  b->dirty = 1;
  return 0;
}

// The copy: src's blocks, each read into a cache page that is then
// written, unchanged, as a block of the new file dst.
int
xcp_copy(char *src, char *dst)
{
  static uint from[MAXFILE], to[MAXFILE];
  struct dinode si, di;
  struct xbuf *b, *ind = 0;
  char name[DIRSIZ];
  int sinum, dir, inum, r;
  uint i, n;

  if ((sinum = xcp_namei(src)) < 0)
    return sinum;
  if (xcp_iget(sinum, &si) < 0)
    return -EIO;
  if (si.type != T_FILE)
    return si.type == T_DIR ? -EISDIR : -EINVAL;
  if ((dir = parent(dst, name)) < 0)
    return dir;
  if (xcp_iget(dir, &di) < 0)
    return -EIO;
  if (dirlookup(&di, name, 0, 0) >= 0)
    return -EEXIST;
  n = (si.size + BSIZE - 1) / BSIZE;
  if ((r = blocksof(&si, from, n)) < 0)
    return r;
  memset(&di, 0, sizeof(di));
  di.type = T_FILE;
  di.nlink = 1;
  di.size = si.size;
  for (i = 0; i < n; i++)
    if ((to[i] = balloc()) == 0)
      return -ENOSPC;
  if (n > NDIRECT && (di.addrs[NDIRECT] = balloc()) == 0)
    return -ENOSPC;
  for (i = 0; i < n && i < NDIRECT; i++)
    di.addrs[i] = to[i];
  // the data: one read and one write per block, the page never copied
  for (i = 0; i < n; i++)
    if ((b = fsget(from[i])) == 0 || xcp_bmove(b, xcp_fsbase + to[i]) < 0)
      return -EIO;
  if (n > NDIRECT) {
    if ((ind = xcp_bslot(xcp_fsbase + di.addrs[NDIRECT])) == 0)
      return -EIO;
    memset(ind->data, 0, BSIZE);
    memmove(ind->data, to + NDIRECT, (n - NDIRECT) * sizeof(uint));
    ind->dirty = 1;
  }
  // then the metadata, the name last (see the top of this file)
  if ((inum = ialloc(&di)) < 0)
    return inum;
  if (xcp_bflush() < 0)
    return -EIO;
  if ((r = dirlink(dir, name, inum)) < 0 || (r = xcp_bflush()) < 0)
    return r;
  return si.size;
}
