// main.c: the exokernel's part of booting (personality.h), and the boot
// bundle.
//
// kernel/core boots the machine; personality_init() then sets up the
// exokernel's three tables (envs, page bindings, the exposed page) and
// personality_start() makes the first environment. Its thread, on its
// first run (personality_threadstart), loads the first image of the
// boot bundle with core's loader.
//
// The boot bundle is the disk of an exo build (shell/build.py): block 0
// holds EXOB_MAGIC, a count and struct exobentry records (exoabi.h);
// each image starts on its own block. The kernel reads it by polling the
// disk (it runs once, before any environment could run): there is no
// file system in the kernel. The bundle's blocks are public (readable by
// every env); the library OS binds the disk blocks it uses (disk.c).

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "loader.h"
#include "defs.h"
#include "personality.h"
#include "exo.h"

extern char exovectors[];        // entry.s

static char *bounce;             // one page the boot bundle is read into

// Every interrupt from user mode ends in userintr: an env in the
// software-TLB mode goes back through swtlb.S (stlb.c swtlbexit). It is
// the whole handler of the interrupts exo has no driver for (the IPI only
// wakes a core; the disk is polled).
static void
userintr(void)
{
  struct thread *t = mythread();

  if (t && STATUS_RING(r_estatus()) == 3)
    swtlbexit(t);
}

// The timer's handler: core's, then (core 0) publish the tick count and
// move a revocation along (revoke.c).
static void
exotimer(void)
{
  timerintr();
  if (cpuid() == 0) {
    info->ticks = ticks;
    revoketick();
  }
  userintr();
}

// The console's (cons.c registers consintr itself; this replaces it).
static void
exoconsintr(void)
{
  consintr();
  userintr();
}

void
personality_init(void)
{
  if (r_memsize() > EXO_MAXPPN * PGSIZE) {
    printf("exo: at most %d MiB of RAM (the exposed owner table has %d entries)\n",
           EXO_MAXPPN * PGSIZE / (1024 * 1024), EXO_MAXPPN);
    poweroff(1);
  }
  syscallinit();
  pageinit();
  envinit();
  stlbinit();
  bounce = kalloc();
  diskinit();
  consinit();
  irq_register(T_TIMER, exotimer);
  irq_register(T_CONSOLE, exoconsintr);
  irq_register(T_IPI, userintr);
  irq_register(T_DISK, userintr);
  trapvectors = (uint)exovectors;   // every core's (trap.c); core 0 has its table already
  w_vec(trapvectors);
}

void
personality_start(void)
{
  struct env *e;

  acquire(&envlock);
  e = envalloc(0);
  if (e == 0)
    panic("personality_start: no env");
  *e->status = ENV_RUNNABLE;
  safestrcpy(e->t->name, "boot", sizeof(e->t->name));
  e->t->cpu = 0;
  make_runnable(e->t);
  release(&e->t->lock);
  envpublish(e);
  release(&envlock);
}

// Read disk block b into the bounce page (disk.c). 0, or -1 on an error.
static int
readblock(uint b)
{
  return diskio(b, (uint)bounce, DISK_READ);
}

// The bundle's blocks (block 0 and every image's) are public: every env
// may read them (libos/unix's exec loads programs from them), none may
// write them. The entries are in the bounce page (block 0).
static void
publishbundle(void)
{
  struct exobentry ent;
  uint i, n = ((uint *)bounce)[1];

  diskpublic(0, 1);
  for (i = 0; i < n && 8 + (i + 1) * sizeof(ent) <= PGSIZE; i++) {
    memmove(&ent, bounce + 8 + i * sizeof(ent), sizeof(ent));
    diskpublic(ent.block, (ent.size + PGSIZE - 1) / PGSIZE);
  }
}

// The loader's reader (loader.h): src->arg is the image's first block.
static int
readbundle(struct imgsrc *src, char *dst, uint off, uint n)
{
  uint first = (uint)src->arg, m;

  if (off > src->size || n > src->size - off)
    return -1;
  while (n > 0) {
    if (readblock(first + off / PGSIZE) < 0)
      return -1;
    m = PGSIZE - off % PGSIZE;
    if (m > n)
      m = n;
    memmove(dst, bounce + off % PGSIZE, m);
    dst += m;
    off += m;
    n -= m;
  }
  return 0;
}

// A user fault core could not resolve (personality.h). An environment
// in the page-table mode with an upcall never gets here: entry.s sends
// its exceptions straight to the library. One in the software-TLB mode
// does (swtlb.S): a TLB miss goes to stlbmiss, any other exception to
// its upcall. One without an upcall has no handler to run, so it dies.
int
personality_fault(struct thread *t, struct trapframe *tf)
{
  struct env *e = t->owner;
  int r = -1;

  if (tf->cause == T_TLBMISS)
    r = stlbmiss(t, tf);
  else if (e && e->tlbmode == EXO_TLB_SOFT)
    r = upcall(t, tf->cause, tf->badaddr, tf->access);
  if (r == 0)
    swtlbexit(t);
  return r;
}

// The first environment's first moment: run the bundle's first image.
void
personality_threadstart(void)
{
  static int first = 1;
  struct exobentry ent;
  struct imgsrc src;
  struct env *e = myenv();
  char *argv[2];
  uint *hdr;

  swtlbexit(mythread());          // a child in the software-TLB mode starts in it
  if (!first)
    return;
  first = 0;
  hdr = (uint *)bounce;
  if (readblock(0) < 0 || hdr[0] != EXOB_MAGIC || hdr[1] == 0) {
    printf("exo: the disk holds no boot bundle (build it with shell/build.py)\n");
    poweroff(1);
  }
  publishbundle();
  memmove(&ent, bounce + 8, sizeof(ent));
  ent.name[sizeof(ent.name) - 1] = 0;
  src.read = readbundle;
  src.arg = (void *)ent.block;
  src.size = ent.size;
  argv[0] = ent.name;
  argv[1] = 0;
  if (execimage(&src, ent.name, argv) < 0) {
    printf("exo: cannot load %s from the boot bundle\n", ent.name);
    poweroff(1);
  }
  envcache(e);                    // the loader made a new address space
  claimpages(e);
  if (mapinfo(e->t->as->pagetable) < 0 || viewall(e->t->as->pagetable) < 0)
    panic("threadstart: no memory for the exposed pages");
  acquire(&envlock);
  envpublish(e);
  release(&envlock);
}
