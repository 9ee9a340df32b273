// mem.c: memory and devices for user-level servers — mapping pages
// between address spaces, device registers, interrupts as notifications.
//
// Memory (L4's map): a task may share a page it has with a task it holds
// a capability for (map), never with more rights than it has itself, and
// take a page out of such a task again (unmap). What counts as "a page
// it has" is exactly what its page table maps at ring 3 and is RAM: a
// task cannot map kernel memory, a device, or an address it has nothing
// at. A shared page's reference count (kref) keeps it alive until its
// last mapping goes.
//
// Devices: the root task (CAP_CONTROL) maps a device's registers into a
// driver's address space at ring 3 (mapdev): only that driver can touch
// them. The mapping is not a RAM page, so it is removed (unmapdevs)
// before the address space is freed.
//
// Interrupts: irqbind makes an interrupt signal a notification (bit
// 1 << cause) instead of being handled in the kernel. The handler masks
// the device's interrupt; the driver, once it has served the device,
// unmasks it with irqack. The console's and the disk's are supported.
//
// DMA: the disk moves blocks to and from a physical address, which a
// user-mode driver cannot know. mapdev of DEV_DMA (the dmapage call)
// gives a driver a fresh page where a device would have registers, and
// tells its creator (the root task) the page's physical address, to
// hand to the driver. A driver that programs the disk can reach any
// RAM, as on hardware without an IOMMU: it is trusted with that, and
// nothing else is — no other task can map the disk's registers.
//
// Everything under ipc_lock.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"
#include "micro.h"

static uint devbase[NDEV] = { CONSOLE_BASE, DISK_BASE };

// The notification each interrupt signals (0: none bound).
static struct notification *irqntfn[NCAUSE];

// Is va a page-aligned user address?
#define USERPAGE(va)  ((va) % PGSIZE == 0 && (va) >= USER_BASE && (va) < USERTOP)

// The page-table entry of user page va in pd, if it is a RAM page at ring
// 3; else 0.
static pte_t *
userpte(pagetable_t pd, uint va)
{
  pte_t *pte;

  if (!USERPAGE(va))
    return 0;
  pte = walk(pd, va, 0);
  if (pte == 0 || (*pte & PTE_P) == 0 || PTE_RING(*pte) != 3 || PTE_ADDR(*pte) >= DEVBASE)
    return 0;
  return pte;
}

// 0 if va is a free page-aligned user address in pd for a new mapping,
// else -error.
int
freeva(pagetable_t pd, uint va)
{
  pte_t *pte;

  if (!USERPAGE(va))
    return -EINVAL;
  pte = walk(pd, va, 0);
  if (pte && (*pte & PTE_P))
    return -EEXIST;
  return 0;
}

// ---- the mapping database (L4's) ----
//
// Every page that map() shares is recorded with the mapping it was made
// from, so that unmap() takes out, with a mapping, every mapping derived
// from it, in every address space, however many hops away: A maps a
// page to B, B maps it on to C; A's unmap of B's page takes C's too, and
// C's next touch of it faults to C's pager. A page enters the database
// when it is first mapped elsewhere: its mapping in the mapper becomes a
// root. grant() moves a page: the grantee's entry takes the granter's place.
//
// The tree of a page is a run of entries in preorder, each with its
// depth (L4's own layout): a mapping's children follow it, one deeper,
// so what was derived from entry m is the entries after m, of m's page,
// deeper than m (subtree) — no parent pointers to follow or to fix. A
// new mapping goes right after the one it was made from. A task that
// ends takes its entries out (unmapdevs), and what others derived from
// them moves up a level.
//
// Where the entries live: a page's run lies in one chain, chains[page %
// NCHAIN], and every entry is also on its task's list (task.maps); both
// lists are doubly linked, so an entry leaves either in a few steps,
// without a search. Entries fill pages from core's allocator (MPERPAGE
// each) densely: a freed entry's place is taken by the newest one
// (mdrop), so every page but the newest is full and the database holds
// ceil(entries / MPERPAGE) pages — one goes back to core as soon as it
// is empty. A map that needs an entry when memory is out is -ENOMEM;
// the database holds as many mappings as memory allows (pm lends every
// page of every process: a fork of a 200-page process records 200 more).

#define NCHAIN    256

struct mapping {
  struct mapping *next;        // its chain (0: the last)
  struct mapping **pprev;      // what points at it there
  struct mapping *tnext;       // its task's list
  struct mapping **tpprev;
  struct task *task;
  uint va;
  uint pa;
  int depth;                   // 0: a root; the mappings made from it follow, one deeper
};

// A page of entries, m[0 .. used-1] in use; mpages: the newest first.
#define MPERPAGE  ((PGSIZE - 8) / 32)     // 32: sizeof(struct mapping)
struct mpage {
  struct mpage *next;
  int used;
  struct mapping m[MPERPAGE];
};

static struct mapping *chains[NCHAIN];
static struct mpage *mpages;

#define CHAIN(pa)  (&chains[((pa) >> PGSHIFT) % NCHAIN])

// The entry of page va of tk (pa mapped there), or 0.
static struct mapping *
mfind(struct task *tk, uint va, uint pa)
{
  struct mapping *m;

  for (m = *CHAIN(pa); m; m = m->next)
    if (m->task == tk && m->va == va)
      return m;
  return 0;
}

// The entry after x in the chain if it is derived from m (x: m, or an
// entry derived from it), or 0.
static struct mapping *
subtree(struct mapping *m, struct mapping *x)
{
  x = x->next;
  return x && x->pa == m->pa && x->depth > m->depth ? x : 0;
}

// A new entry for page va of tk (pa mapped there), made from the
// mapping `from` (it goes right after it, one deeper), or a root (from
// 0: it goes first in its page's run); or 0 if memory is out.
static struct mapping *
mnew(struct task *tk, uint va, uint pa, struct mapping *from)
{
  struct mpage *p = mpages;
  struct mapping *m, **pp = from ? &from->next : CHAIN(pa);

  if (p == 0 || p->used == MPERPAGE) {
    if ((p = kalloc()) == 0)
      return 0;
    p->next = mpages;
    mpages = p;
  }
  while (from == 0 && *pp && (*pp)->pa != pa)
    pp = &(*pp)->next;
  m = &p->m[p->used++];
  m->task = tk;
  m->va = va;
  m->pa = pa;
  m->depth = from ? from->depth + 1 : 0;
  if ((m->next = *pp) != 0)         // into the chain where pp points
    m->next->pprev = &m->next;
  m->pprev = pp;
  *pp = m;
  if ((m->tnext = tk->maps) != 0)   // first on its task's list
    m->tnext->tpprev = &m->tnext;
  m->tpprev = &tk->maps;
  tk->maps = m;
  return m;
}

// Free entry m: the newest entry moves into its place (what pointed at
// it follows), and the newest page goes back to core once empty.
// Returns where the newest entry was (if that is m, it is gone).
static struct mapping *
mdrop(struct mapping *m)
{
  struct mpage *p = mpages;
  struct mapping *last = &p->m[p->used - 1];

  if ((*m->pprev = m->next) != 0)
    m->next->pprev = m->pprev;
  if ((*m->tpprev = m->tnext) != 0)
    m->tnext->tpprev = m->tpprev;
  if (last != m) {
    *m = *last;
    *m->pprev = m;
    if (m->next)
      m->next->pprev = &m->next;
    *m->tpprev = m;
    if (m->tnext)
      m->tnext->tpprev = &m->tnext;
  }
  if (--p->used == 0) {
    mpages = p->next;
    kfree(p);
  }
  return last;
}

// Take page va out of task to, with every mapping derived from it.
static void
unmapva(struct task *to, uint va, pte_t *pte)
{
  uint pa = PTE_ADDR(*pte);
  struct mapping *m = mfind(to, va, pa), *x;

  while (m && (x = subtree(m, m)) != 0) {
    if ((pte = userpte(x->task->as->pagetable, x->va)) && PTE_ADDR(*pte) == pa) {
      uvmunmap(x->task->as->pagetable, x->va, 1, 1);
      asidstale(x->task->as->asid);   // the page must leave every TLB
    }
    if (mdrop(x) == m)                // m was the newest: it moved into x's place
      m = x;
  }
  if (m)
    mdrop(m);
  uvmunmap(to->as->pagetable, va, 1, 1);
  asidstale(to->as->asid);
}

// map (grant = 0) and grant (1): the page at srcva of tk goes to dstva
// of task to, recorded in the mapping database. What dstva has is
// -EEXIST, or with replace (mapmany) unmapped first.
static int
mapinto(struct task *tk, struct task *to, uint srcva, uint dstva, int perm, int grant, int replace)
{
  struct mapping *src, *root = 0, *dst;
  pte_t *pte, *d;
  uint pa;

  if (srcva % PGSIZE != 0 || (perm & ~MAP_W) != 0 || !USERPAGE(dstva))
    return -EINVAL;
  if ((pte = userpte(tk->as->pagetable, srcva)) == 0)
    return -EFAULT;                 // not a page it has
  if ((perm & MAP_W) && (*pte & PTE_W) == 0)
    return -EPERM;                  // more rights than it has
  if ((d = walk(to->as->pagetable, dstva, 1)) == 0)
    return -ENOMEM;
  if ((*d & PTE_P) && (!replace || userpte(to->as->pagetable, dstva) == 0))
    return -EEXIST;
  if (*d & PTE_P)
    unmapva(to, dstva, d);
  if ((*pte & PTE_P) == 0)
    return -EFAULT;                 // that took srcva's page too (it was derived from dstva's)
  pa = PTE_ADDR(*pte);
  if ((src = mfind(tk, srcva, pa)) == 0 && !grant && (src = root = mnew(tk, srcva, pa, 0)) == 0)
    return -ENOMEM;                 // the page's first mapping elsewhere: a root
  if (src && (dst = mnew(to, dstva, pa, src)) == 0) {
    if (root)
      mdrop(root);
    return -ENOMEM;
  }
  if (grant && src) {               // the grantee's entry takes the granter's place
    dst->depth--;
    mdrop(src);
  }
  *d = pa | PTE_P | PTE_U | (*pte & PTE_X) | ((perm & MAP_W) ? PTE_W : 0);
  if (!grant) {
    kref((void *)pa);
    return 0;
  }
  uvmunmap(tk->as->pagetable, srcva, 1, 0);   // one mapping in, one out: kref unchanged
  asidstale(tk->as->asid);          // the page must leave every TLB
  return 0;
}

// The task in slot `task` that tk may map into, or 0 with *err set.
static struct task *
maptarget(struct task *tk, int task, int *err)
{
  *err = -EBADF;
  return tasktarget(tk, task);
}

// map(task, srcva, dstva, perm), and L4's grant (grant = 1): map the
// page into the task as map() does, then take it out of our own address
// space — the page moves, we lose it.
int
sys_map(struct task *tk, int task, uint srcva, uint dstva, int perm, int grant)
{
  int err;
  struct task *to = maptarget(tk, task, &err);

  return to ? mapinto(tk, to, srcva, dstva, perm, grant, 0) : err;
}

// unmap(task, va): the page goes from the task, and every mapping
// derived from that one (the mapping database) from its task.
int
sys_unmap(struct task *tk, int task, uint va)
{
  struct task *to = tasktarget(tk, task);
  pte_t *pte;

  if (to == 0)
    return -EBADF;
  if ((pte = userpte(to->as->pagetable, va)) == 0)
    return -EINVAL;
  unmapva(to, va, pte);
  return 0;
}

// mapmany(task, vec, n): n pairs (srcva | perm, dstva) at vec, each a
// map into the task that first unmaps what dstva had (as unmap does);
// srcva 0: the unmap alone. One trap for a whole fork or exit of pm's
// (servers/pm/mem.c). Returns n, or the first error (the pairs before
// it are done).
int
sys_mapmany(struct task *tk, int task, uint vec, int n)
{
  uint e[2 * 32], *p;
  int i, err;
  struct task *to = maptarget(tk, task, &err);

  for (i = 0; to && i < n; i++) {
    p = &e[2 * (i % 32)];
    if (i % 32 == 0 && copyin(tk->as->pagetable, (char *)e, vec + 8 * i, 8 * (n - i < 32 ? n - i : 32)) < 0)
      return -EFAULT;
    if (p[0] == 0 && (err = sys_unmap(tk, task, p[1])) < 0)
      return err;
    if (p[0] && (err = mapinto(tk, to, PGROUNDDOWN(p[0]), p[1], p[0] % PGSIZE, 0, 1)) < 0)
      return err;
  }
  return to ? n : err;
}

// mapdev(control, task, dev, va): device dev's registers at va in a
// task (a driver), at ring 3; or, for dev DEV_DMA (the dmapage call), a
// fresh zeroed page for its device to transfer to and from, whose
// physical address it returns (kernel addresses are physical). Only
// with the control capability, into a task, at a free
// va. Registers are not RAM: unmapdevs takes them out before the
// task's address space is freed; the DMA page is freed with it.
int
sys_mapdev(struct task *tk, int ctl, int task, int dev, uint va)
{
  struct task *to;
  uint pa;
  int err;

  if (capget(tk, ctl, CAP_CONTROL, 0) == 0)
    return -EPERM;
  if ((to = maptarget(tk, task, &err)) == 0 || (err = freeva(to->as->pagetable, va)) < 0)
    return err;
  if (dev == DEV_DMA)
    pa = (uint)kalloc();
  else if (dev >= 0 && dev < NDEV && to->devva[dev] == 0)
    pa = devbase[dev];
  else
    return -EINVAL;
  if (pa == 0 || mappages(to->as->pagetable, va, PGSIZE, pa, PTE_U | PTE_W) < 0) {
    if (pa && dev == DEV_DMA)
      kfree((char *)pa);
    return -ENOMEM;
  }
  if (dev == DEV_DMA)
    return pa;
  to->devva[dev] = va;
  return 0;
}

// Task tk is ending: its device mappings go (they are not RAM, and
// freeing its address space must not free them), and its entries leave
// the mapping database — its pages go with its address space; what
// others derived from them stays (unlike L4, where deleting an address
// space flushes its mappings' subtrees: a dying pager must not take its
// processes' pages).
void
unmapdevs(struct task *tk)
{
  struct mapping *m, *x;
  int i;

  while ((m = tk->maps) != 0) {
    for (x = subtree(m, m); x; x = subtree(m, x))
      x->depth--;               // what was derived from m moves up a level
    mdrop(m);
  }
  for (i = 0; i < NDEV; i++) {
    if (tk->devva[i]) {
      uvmunmap(tk->as->pagetable, tk->devva[i], 1, 0);
      tk->devva[i] = 0;
    }
  }
  // A bound interrupt of the task's notification stays bound while the
  // notification lives (irqforget, when it is freed).
}

// Notification n is being freed: no interrupt signals it any more (the
// interrupt stays masked until a driver binds it again).
void
irqforget(struct notification *n)
{
  int i;

  for (i = 0; i < NCAUSE; i++)
    if (irqntfn[i] == n)
      irqntfn[i] = 0;
}

// The interrupts a driver may bind (irqbind): the console's and the disk's.
#define DEVIRQ(cause)  ((cause) == T_CONSOLE || (cause) == T_DISK)

// Switch a device's interrupt on or off at the device.
static void
irqmask(int cause, int on)
{
  if (cause == T_CONSOLE)
    uartrxintr(on);
  else
    REG(DISK_BASE, DISK_CTRL) = on;      // bit 0: completion interrupt
}

// Every device's interrupt handler: mask the interrupt (the device keeps
// it raised until the driver serves it) and signal the notification
// bound to it. Which interrupt it is, the cause register says (core
// calls the handler of the trap being taken, as xv6's devintr reads
// scause).
static void
deviceirq(void)
{
  uint cause = r_cause();

  irqmask(cause, 0);
  acquire(&ipc_lock);
  if (irqntfn[cause])
    ntfn_signal(irqntfn[cause], 1 << cause);
  release(&ipc_lock);
}

// Boot: no driver yet, so console input waits and the disk is quiet,
// masked.
void
irqinit(void)
{
  irqmask(T_CONSOLE, 0);
  irqmask(T_DISK, 0);
  irq_register(T_CONSOLE, deviceirq);
  irq_register(T_DISK, deviceirq);
}

int
sys_irqbind(struct task *tk, int ctl, int cause, int ntfn)
{
  struct cap *c;

  if (capget(tk, ctl, CAP_CONTROL, 0) == 0)
    return -EPERM;
  if (!DEVIRQ(cause))
    return -EINVAL;
  if ((c = capget(tk, ntfn, CAP_NTFN, RIGHT_SEND)) == 0)
    return -EBADF;
  irqntfn[cause] = c->obj;
  irqmask(cause, 1);
  return 0;
}

// The driver is done with the interrupt: unmask it. Its authority is
// the notification the interrupt is bound to (the right to wait on it).
int
sys_irqack(struct task *tk, int ntfn, int cause)
{
  struct cap *c = capget(tk, ntfn, CAP_NTFN, RIGHT_RECV);

  if (c == 0)
    return -EBADF;
  if (!DEVIRQ(cause) || irqntfn[cause] != c->obj)
    return -EINVAL;
  irqmask(cause, 1);
  return 0;
}
