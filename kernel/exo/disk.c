// disk.c: secure bindings for disk blocks.
//
// The disk is protected the way memory is (page.c): the kernel records
// who may use each block and checks every read and write against that
// record; it keeps no file system, no block cache and no policy. Those
// are the library OS's (libos/unix): it chooses its blocks, caches them
// in pages it owns, and shares those pages with its other environments
// with the rights it chooses (EXO_page_share, EXO_page_pass).
//
// Who "may use" a block: its disk domain. A domain is named by the id of
// the env that founded it; every env is in its own domain (its id) until
// its parent grants it the parent's before starting it (disk_grant): so
// all the processes of one Unix library OS share the file system's
// blocks, and an env the Unix did not let in cannot touch them.
//
//   - EXO_disk_bind(block, n): free blocks become the caller's domain's
//     (all of them or none);
//   - EXO_disk_read(block, va): the block must be public or the caller's
//     domain's, and va mapped writable in the caller (the DMA writes it);
//   - EXO_disk_write(block, va): the block must be the caller's domain's,
//     va mapped in the caller;
//   - when the last env of a domain dies, its bindings go (diskforget).
// The page-table entry at va is the proof that the page may be used:
// it was checked when it was written (page.c). The boot bundle's blocks
// are public (main.c): anyone reads them, no one writes them.
//
// Transfers poll the device under disklock with envlock held, so the
// page cannot be repossessed (revoke.c) in the middle of a DMA.
// Invariants: blockowner[b] is EXO_BLOCK_FREE, EXO_BLOCK_PUBLIC or a
// domain (an env id, which may have died since: ids are never reused);
// domain[slot] counts only while its env is the one with that id.
// Lock order: envlock, then disklock.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"
#include "exo.h"

static struct spinlock disklock;
static int blockowner[EXO_MAXBLOCK];
static uint nblocks;
static struct {
  int env;                       // the env the grant was for
  int domain;
} granted[EXO_NENV];

void
diskinit(void)
{
  initlock(&disklock, "disk");
  nblocks = REG(DISK_BASE, DISK_NBLOCKS);
  if (nblocks > EXO_MAXBLOCK)
    nblocks = EXO_MAXBLOCK;
  REG(DISK_BASE, DISK_STATUS) = 0;
}

// Move one block between the disk and physical address pa (DISK_READ
// or DISK_WRITE), polling. 0, or -1 on a device error.
int
diskio(uint block, uint pa, int cmd)
{
  uint st;

  acquire(&disklock);
  REG(DISK_BASE, DISK_BLOCK) = block;
  REG(DISK_BASE, DISK_ADDR) = pa;
  REG(DISK_BASE, DISK_CMD) = cmd;
  while ((st = REG(DISK_BASE, DISK_STATUS)) == DISK_BUSY)
    ;
  REG(DISK_BASE, DISK_STATUS) = 0;
  release(&disklock);
  return st == DISK_DONE ? 0 : -1;
}

// Boot: blocks [first, first + n) hold the boot bundle.
void
diskpublic(uint first, uint n)
{
  uint b;

  for (b = first; b < first + n && b < nblocks; b++)
    blockowner[b] = EXO_BLOCK_PUBLIC;
}

// e's disk domain. Caller holds envlock.
static int
domainof(struct env *e)
{
  int s = e - envs;

  return granted[s].env == e->id ? granted[s].domain : e->id;
}

int
disk_bind(uint block, uint n)
{
  uint b;
  int d, r = 0;

  if (block >= nblocks || n > nblocks - block)
    return -EINVAL;
  acquire(&envlock);
  d = domainof(myenv());
  for (b = block; b < block + n; b++)
    if (blockowner[b] != EXO_BLOCK_FREE && blockowner[b] != d)
      r = -EBUSY;
  if (r == 0)
    for (b = block; b < block + n; b++)
      blockowner[b] = d;
  release(&envlock);
  return r;
}

// The check at each use, then the transfer.
int
disk_rw(uint block, uint va, int write)
{
  pte_t *pte;
  int d, r;

  if (block >= nblocks || va % PGSIZE != 0 || va < USER_BASE || va >= USERTOP)
    return -EINVAL;
  acquire(&envlock);
  d = domainof(myenv());
  r = -EACCES;
  if (blockowner[block] != d && (write || blockowner[block] != EXO_BLOCK_PUBLIC))
    goto out;
  r = -EFAULT;
  pte = walk(myenv()->t->as->pagetable, va, 0);
  if (pte == 0 || (*pte & PTE_P) == 0 || PTE_RING(*pte) != 3 || (!write && (*pte & PTE_W) == 0))
    goto out;
  r = diskio(block, PTE_ADDR(*pte), write ? DISK_WRITE : DISK_READ) < 0 ? -EIO : 0;
out:
  release(&envlock);
  return r;
}

// Let env id, a child of the caller not started yet, into the caller's
// domain.
int
disk_grant(int id)
{
  struct env *e;
  int r;

  acquire(&envlock);
  if ((e = unstarted(id, &r)) != 0) {
    r = 0;
    granted[e - envs].env = e->id;
    granted[e - envs].domain = domainof(myenv());
  }
  release(&envlock);
  return r;
}

// e is dying: if it was the last env of its domain (no other env,
// runnable, waiting or not started yet, is in it), the domain ends and
// every block bound to it is free again. The blocks keep their bytes:
// the next binder may read them, so a library that cares clears its
// blocks before it ends. Caller holds envlock.
void
diskforget(struct env *e)
{
  struct env *o;
  int d = domainof(e);
  uint b;

  for (o = envs; o < &envs[EXO_NENV]; o++)
    if (o != e && o->id != 0 && *o->status != ENV_DEAD && domainof(o) == d)
      return;
  for (b = 0; b < nblocks; b++)
    if (blockowner[b] == d)
      blockowner[b] = EXO_BLOCK_FREE;
}

// Who may use block: EXO_BLOCK_FREE, EXO_BLOCK_PUBLIC or a domain.
int
disk_info(uint block)
{
  if (block >= nblocks)
    return -EINVAL;
  return blockowner[block];
}
