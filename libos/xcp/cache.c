// cache.c: XCP's block cache (libos/xcp) — disk blocks in pages it owns.
//
// The exokernel keeps no buffer cache: a cache is whatever pages a
// library binds and fills. Ours is NCACHE pages, bound once (xcp_cacheinit
// picks free page numbers from the exposed owner table) and mapped at
// XCP_CACHE. A block moves between the disk and a slot's page by the
// disk's DMA (EXO_disk_read / EXO_disk_write): the kernel checks that the
// block is in our disk domain and that the page is ours and mapped, and
// copies nothing itself. So a copied file's bytes are never touched by
// the CPU: the source block is read into a slot and the same page is
// written to the destination block (fs.c xcp_copy).
//
// The cache is direct-mapped, as the kernel's STLB is: block b can only
// be in slot b % NCACHE, so a lookup is one compare. A dirty slot is
// written back before it holds another block. So a caller may keep a
// slot's pointer only until its next cache call (fs.c copies what it
// keeps).

#include "errnum.h"
#include "xcp.h"

static struct xbuf slots[NCACHE];
uint xcp_reads, xcp_writes;

int
xcp_cacheinit(void)
{
  int i;

  for (i = 0; i < NCACHE; i++) {
    slots[i].data = (char *)(XCP_CACHE + i * BSIZE);
    if (libos_alloc_map((uint)slots[i].data, PTE_W) < 0)
      return -1;
  }
  return 0;
}

// Write slot b back to its block.
static int
bwrite(struct xbuf *b)
{
  xcp_writes++;
  if (exo_disk_write(b->block, b->data) < 0)
    return -1;
  b->dirty = 0;
  return 0;
}

// Block's slot, emptied for it (written back first if dirty) unless it
// holds it already (*hit).
static struct xbuf *
slotfor(uint block, int *hit)
{
  struct xbuf *b = &slots[block % NCACHE];

  *hit = b->valid && b->block == block;
  if (*hit)
    return b;
  if (b->valid && b->dirty && bwrite(b) < 0)
    return 0;
  b->block = block;
  b->valid = 1;
  b->dirty = 0;
  return b;
}

struct xbuf *
xcp_bget(uint block)
{
  int hit;
  struct xbuf *b = slotfor(block, &hit);

  if (b == 0 || hit)
    return b;
  xcp_reads++;
  if (exo_disk_read(block, b->data) < 0) {
    b->valid = 0;
    return 0;
  }
  return b;
}

struct xbuf *
xcp_bslot(uint block)
{
  int hit;

  return slotfor(block, &hit);
}

int
xcp_bflush(void)
{
  int i;

  for (i = 0; i < NCACHE; i++)
    if (slots[i].valid && slots[i].dirty && bwrite(&slots[i]) < 0)
      return -EIO;
  return 0;
}

// Give b's page to block and write it there (the copy's trick: the page
// read from the source is written as the destination's, never copied).
// The page moves to block's slot: the two slots swap pages.
int
xcp_bmove(struct xbuf *b, uint block)
{
  struct xbuf *t;
  char *page = b->data;

  b->valid = 0;
  if ((t = xcp_bslot(block)) == 0)
    return -1;
  b->data = t->data;
  t->data = page;
  return bwrite(t);
}
