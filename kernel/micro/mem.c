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
// user-mode driver cannot know. dmapage gives a driver a fresh page and
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

// The page-table entry of user page va in pd, if it is a RAM page at ring
// 3; else 0.
static pte_t *
userpte(pagetable_t pd, uint va)
{
  pte_t *pte;

  if (va < USER_BASE || va >= USERTOP)
    return 0;
  pte = walk(pd, va, 0);
  if (pte == 0 || (*pte & PTE_P) == 0 || PTE_RING(*pte) != 3 || PTE_ADDR(*pte) >= DEVBASE)
    return 0;
  return pte;
}

// A free page-aligned user address in pd for a new mapping, or -error.
int
freeva(pagetable_t pd, uint va)
{
  pte_t *pte;

  if (va % PGSIZE != 0 || va < USER_BASE || va >= USERTOP)
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
// root. grant() moves a page: the grantee's mapping takes the granter's
// place in the tree.
//
// An entry is live while its task lives (its generation) and still maps
// that page at that address. Dead entries — their task ended, or the
// page was unmapped there by other means — still link their children to
// their parent, until the table needs room (mreclaim). A page mapped
// once only (its reference count, kref, is 1) has nothing derived from
// it: unmap and grant skip the search (pm's exec grants every page).

#define NMAPPING  256

struct mapping {
  struct task *task;           // 0: a free entry
  uint gen;                    // task->gen when it was made
  uint va;
  uint pa;
  struct mapping *parent;      // the mapping it was made from (0: a root)
};

static struct mapping mappings[NMAPPING];

static int
mlive(struct mapping *m)
{
  pte_t *pte;

  if (m->task == 0 || !m->task->used || m->task->gen != m->gen)
    return 0;
  pte = userpte(m->task->as->pagetable, m->va);
  return pte && PTE_ADDR(*pte) == m->pa;
}

// The live entry of page va of tk, or 0. With `shared`, 0 at once for a
// page mapped once only (nothing can derive from it; unmap and grant),
// without it the search is made (map: a live root left from before
// must be found again, not made twice).
static struct mapping *
mfind(struct task *tk, uint va, uint pa, int shared)
{
  struct mapping *m;

  if (shared && krefcount((void *)pa) < 2)
    return 0;
  for (m = mappings; m < &mappings[NMAPPING]; m++)
    if (m->task == tk && m->va == va && mlive(m))
      return m;
  return 0;
}

// Is x derived from m (m is its parent, or its parent's parent, ...)?
static int
mderived(struct mapping *x, struct mapping *m)
{
  int n;

  for (n = 0, x = x->parent; x && n < NMAPPING; n++, x = x->parent)
    if (x == m)
      return 1;
  return 0;
}

// Make room: free every dead entry (its children move up to its parent),
// then every root that has no children left (it records nothing).
static void
mreclaim(void)
{
  struct mapping *m, *x;
  int kids;

  for (m = mappings; m < &mappings[NMAPPING]; m++) {
    if (m->task == 0 || mlive(m))
      continue;
    for (x = mappings; x < &mappings[NMAPPING]; x++)
      if (x->task && x->parent == m)
        x->parent = m->parent;
    m->task = 0;
  }
  for (m = mappings; m < &mappings[NMAPPING]; m++) {
    if (m->task == 0 || m->parent)
      continue;
    for (kids = 0, x = mappings; x < &mappings[NMAPPING] && !kids; x++)
      kids = x->task && x->parent == m;
    if (!kids)
      m->task = 0;
  }
}

// Room for a map: two free entries (a root and the new mapping),
// reclaiming if need be. Called before an entry is looked up, so that a
// reclaim cannot free one in use.
static int
mroom(void)
{
  struct mapping *m;
  int n, pass;

  for (pass = 0; pass < 2; pass++) {
    for (n = 0, m = mappings; m < &mappings[NMAPPING] && n < 2; m++)
      n += m->task == 0;
    if (n == 2)
      return 1;
    mreclaim();
  }
  return 0;
}

// The first free entry (mroom made sure there is one).
static struct mapping *
mfree(void)
{
  struct mapping *m;

  for (m = mappings; m->task != 0; m++)
    ;
  return m;
}

static void
mset(struct mapping *m, struct task *tk, uint va, uint pa, struct mapping *parent)
{
  m->task = tk;
  m->gen = tk->gen;
  m->va = va;
  m->pa = pa;
  m->parent = parent;
}

// Unmap every mapping derived from m, and free their entries and m's.
// (An entry freed here keeps its parent link until the walk is over, so
// the walk still finds what was derived through it.)
static void
mrevoke(struct mapping *m)
{
  struct mapping *x;

  for (x = mappings; x < &mappings[NMAPPING]; x++) {
    if (x->task == 0 || x == m || !mderived(x, m))
      continue;
    if (mlive(x)) {
      uvmunmap(x->task->as->pagetable, x->va, 1, 1);
      asidstale(x->task->as->asid);      // the page must leave every TLB
    }
    x->task = 0;
  }
  m->task = 0;
}

// map (grant = 0) and grant (1): the page at srcva of tk goes to dstva of
// the task in slot `task`, recorded in the mapping database.
static int
mapinto(struct task *tk, int task, uint srcva, uint dstva, int perm, int grant)
{
  struct task *to = tasktarget(tk, task);
  struct mapping *src, *root = 0, *dst = 0;
  pte_t *pte;
  uint pa;
  int err, flags;

  if (to == 0)
    return -EBADF;
  if (taskloading(to))
    return -EBUSY;                  // its image would replace the mapping (taskops.c)
  if (srcva % PGSIZE != 0 || (perm & ~MAP_W) != 0)
    return -EINVAL;
  if ((pte = userpte(tk->as->pagetable, srcva)) == 0)
    return -EFAULT;                 // not a page it has
  if ((perm & MAP_W) && (*pte & PTE_W) == 0)
    return -EPERM;                  // more rights than it has
  if ((err = freeva(to->as->pagetable, dstva)) < 0)
    return err;
  pa = PTE_ADDR(*pte);
  if ((!grant || krefcount((void *)pa) > 1) && !mroom())
    return -ENOMEM;
  if ((src = mfind(tk, srcva, pa, grant)) == 0 && !grant) {
    root = mfree();
    mset(root, tk, srcva, pa, 0);   // the page's first mapping elsewhere: a root
    src = root;
  }
  if (src)
    dst = mfree();
  flags = PTE_U | (*pte & PTE_X) | ((perm & MAP_W) ? PTE_W : 0);
  if (mappages(to->as->pagetable, dstva, PGSIZE, pa, flags) < 0) {
    if (root)
      root->task = 0;
    return -ENOMEM;
  }
  if (!grant) {
    mset(dst, to, dstva, pa, src);
    kref((void *)pa);
    return 0;
  }
  if (dst) {                        // the grantee takes the granter's place
    mset(dst, to, dstva, pa, src->parent);
    for (root = mappings; root < &mappings[NMAPPING]; root++)
      if (root->task && root->parent == src)
        root->parent = dst;
    src->task = 0;
  }
  uvmunmap(tk->as->pagetable, srcva, 1, 0);   // one mapping in, one out: kref unchanged
  asidstale(tk->as->asid);          // the page must leave every TLB
  return 0;
}

int
sys_map(struct task *tk, int task, uint srcva, uint dstva, int perm)
{
  return mapinto(tk, task, srcva, dstva, perm, 0);
}

// L4's grant: map the page into the task as map() does, then take it
// out of our own address space — the page moves, we lose it.
int
sys_grant(struct task *tk, int task, uint srcva, uint dstva, int perm)
{
  return mapinto(tk, task, srcva, dstva, perm, 1);
}

// unmap(task, va): the page goes from the task, and every mapping
// derived from that one (the mapping database) from its task.
int
sys_unmap(struct task *tk, int task, uint va)
{
  struct task *to = tasktarget(tk, task);
  struct mapping *m;
  pte_t *pte;

  if (to == 0)
    return -EBADF;
  if (va % PGSIZE != 0 || (pte = userpte(to->as->pagetable, va)) == 0)
    return -EINVAL;
  if ((m = mfind(to, va, PTE_ADDR(*pte), 1)) != 0)
    mrevoke(m);
  uvmunmap(to->as->pagetable, va, 1, 1);
  asidstale(to->as->asid);          // the page must leave every TLB
  return 0;
}

// The driver task a control-capability call (mapdev, dmapage) maps
// into at va: 0 with *err set if the caller lacks the control
// capability, the task is not there or not loaded yet, or va is taken.
static struct task *
drivertarget(struct task *tk, int ctl, int task, uint va, int *err)
{
  struct task *to;

  *err = -EPERM;
  if (capget(tk, ctl, CAP_CONTROL, 0) == 0)
    return 0;
  *err = -EBADF;
  if ((to = tasktarget(tk, task)) == 0)
    return 0;
  *err = -EBUSY;                    // its image would replace the mapping (taskops.c)
  if (taskloading(to))
    return 0;
  if ((*err = freeva(to->as->pagetable, va)) < 0)
    return 0;
  return to;
}

int
sys_mapdev(struct task *tk, int ctl, int task, int dev, uint va)
{
  struct task *to;
  int err;

  if ((to = drivertarget(tk, ctl, task, va, &err)) == 0)
    return err;
  if (dev < 0 || dev >= NDEV || to->devva[dev] != 0)
    return -EINVAL;
  if (mappages(to->as->pagetable, va, PGSIZE, devbase[dev], PTE_U | PTE_W) < 0)
    return -ENOMEM;
  to->devva[dev] = va;
  return 0;
}

// Take tk's device mappings out (it is ending): they are not RAM, and
// freeing its address space must not free them.
void
unmapdevs(struct task *tk)
{
  int i;

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

// dmapage(control, task, va): a fresh zeroed page at va in a task (a
// driver), for its device to transfer to and from. Returns the page's
// physical address (kernel addresses are physical), or -error.
int
sys_dmapage(struct task *tk, int ctl, int task, uint va)
{
  struct task *to;
  char *pa;
  int err;

  if ((to = drivertarget(tk, ctl, task, va, &err)) == 0)
    return err;
  if ((pa = kalloc()) == 0)
    return -ENOMEM;
  if (mappages(to->as->pagetable, va, PGSIZE, (uint)pa, PTE_U | PTE_W) < 0) {
    kfree(pa);
    return -ENOMEM;
  }
  return (int)pa;
}

// Switch a device's interrupt on or off at the device (the interrupts
// irqbind accepts).
static void
irqmask(int cause, int on)
{
  if (cause == T_CONSOLE)
    uartrxintr(on);
  else
    REG(DISK_BASE, DISK_CTRL) = on;      // bit 0: completion interrupt
}

// A bound device's interrupt: mask it (the device keeps it raised until
// the driver serves it) and signal the bound notification.
static void
deviceirq(int cause)
{
  irqmask(cause, 0);
  acquire(&ipc_lock);
  if (irqntfn[cause])
    ntfn_signal(irqntfn[cause], 1 << cause);
  release(&ipc_lock);
}

static void
consoleirq(void)
{
  deviceirq(T_CONSOLE);
}

static void
diskirq(void)
{
  deviceirq(T_DISK);
}

// Boot: no driver yet, so console input waits and the disk is quiet,
// masked.
void
irqinit(void)
{
  irqmask(T_CONSOLE, 0);
  irqmask(T_DISK, 0);
  irq_register(T_CONSOLE, consoleirq);
  irq_register(T_DISK, diskirq);
}

int
sys_irqbind(struct task *tk, int ctl, int cause, int ntfn)
{
  struct cap *c;

  if (capget(tk, ctl, CAP_CONTROL, 0) == 0)
    return -EPERM;
  if (cause != T_CONSOLE && cause != T_DISK)
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
  if ((cause != T_CONSOLE && cause != T_DISK) || irqntfn[cause] != c->obj)
    return -EINVAL;
  irqmask(cause, 1);
  return 0;
}
