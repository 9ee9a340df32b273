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

int
sys_map(struct task *tk, int task, uint srcva, uint dstva, int perm)
{
  struct task *to = tasktarget(tk, task);
  pte_t *pte;
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
  flags = PTE_U | (*pte & PTE_X) | ((perm & MAP_W) ? PTE_W : 0);
  if (mappages(to->as->pagetable, dstva, PGSIZE, PTE_ADDR(*pte), flags) < 0)
    return -ENOMEM;
  kref((void *)PTE_ADDR(*pte));
  return 0;
}

// L4's grant: map the page into the task as map() does, then take it
// out of our own address space — the page moves, we lose it. (Its
// reference count does not change: one mapping in, one out.)
int
sys_grant(struct task *tk, int task, uint srcva, uint dstva, int perm)
{
  int err;

  if ((err = sys_map(tk, task, srcva, dstva, perm)) < 0)
    return err;
  uvmunmap(tk->as->pagetable, srcva, 1, 1);
  asidstale(tk->as->asid);          // the page must leave every TLB
  return 0;
}

int
sys_unmap(struct task *tk, int task, uint va)
{
  struct task *to = tasktarget(tk, task);

  if (to == 0)
    return -EBADF;
  if (va % PGSIZE != 0 || userpte(to->as->pagetable, va) == 0)
    return -EINVAL;
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
