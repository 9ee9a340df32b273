// fuzz_exo.c: the system-call fuzzer of the exokernel, a bare library-OS
// program (libos/, libos/bare) that `minos fuzz --kernel exo` boots as
// the first env of a boot bundle (shell/fuzz.py; docs/reliability.md).
//
// It reads "SEED CALLS" lines from the console (EXO_cons_read). For each
// it starts workers one after another with libos_dumbfork: a worker
// makes WORKER_CALLS random exokernel calls (exoabi.h) through fuzztrap
// (three in four from the table of calls below, the rest any number,
// gaps and edges included) — page numbers that are free, its own, the
// kernel's, another env's or out of range; env ids; upcall, frame and exception-stack addresses;
// pct targets; disk blocks and DMA addresses; tlb_install entries;
// rights made of random bits — and then exits. A call may destroy the
// worker's own address space (unmap its stack, free its pages): it then
// dies of the fault, and the driver (this env) carries on. The driver
// waits for each worker's slot to become DEAD or free, by reading the
// exposed env table and yielding; a worker still running after WATCHDOG
// ticks is a FAIL (the exokernel has no kill: nothing can stop it).
// After the last worker it settles the kernel's lazy freeing of dead
// envs (settle, below), so that the host reads core's free pages at the
// same point after every run. After each line it compares the exposed
// count of free pages (exoinfo->nfree) with the count before the first worker, and prints
//
//   fuzz: done seed S workers W finished F nfree B B2
//
// (a difference is also a FAIL line). The pages dumbfork binds for a
// worker stay the driver's (the kernel binds a page to the env that
// allocated it; the worker only maps it): after each worker, the driver
// gives them back (libos_reclaim), as a library OS must.
//
// A few calls are changed before they are made, only to keep the run
// going: exit, recv and cons_read become getenvid (a worker ends at
// WORKER_CALLS; the two others wait for a pct or a key that never
// comes); cputs prints nothing (its length is 0 when its address is
// mapped); resume loads only frames at
// addresses the worker does not map (a random frame could jump anywhere
// in its code and loop); set_upcall on the worker itself names only 0 or
// libos_upcall (a random upcall address faults forever); a child made by
// exofork is started at once (it has no memory: it dies of its first
// fetch, returning its pages, so no unstartable env is left behind).

#include <stdio.h>
#include "param.h"
#include "libos.h"
#include "fuzzgen.h"

#define WORKER_CALLS 200   // calls per worker
#define WATCHDOG     2000  // ticks a worker may run

void *__morecore(uint n);

// fz_init's sbrk: the bare library's heap.
static char *
grow(int n)
{
  return __morecore(n);
}

static int driver;          // our id
static int me;              // the worker's id

// A value that means something to the exokernel: a page number, an env
// id, a page-aligned address, rights, a disk block.
static unsigned int
fz_own(void)
{
  switch (fz_below(10)) {
  case 0:  return fz_below(exoinfo->npages);                        // any page
  case 1:  return libos_freepage();                                 // a free one
  case 2:  return exo_pte(0, ((unsigned int)fz_buf + fz_below(FZ_BUF)) & ~(FZ_PAGE - 1)) >> 12;
  case 3:  return EXO_MAXPPN - 2 + fz_below(4);                     // around the end
  case 4:  return fz_below(4) == 0 ? driver : me + fz_below(4) - 1; // env ids
  case 5:  return ((unsigned int)fz_buf + fz_below(FZ_BUF)) & ~(FZ_PAGE - 1);
  case 6:  return UXSTACKTOP - FZ_PAGE * (1 + fz_below(2));
  case 7:  return fz_next() & (PTE_W | PTE_X | EXO_PTE_LIB | (fz_below(2) ? 0xFF : 0));
  case 8:  return fz_below(2) ? fz_below(64) : EXO_MAXBLOCK - 2 + fz_below(4);
  default: return fz_below(2) ? UINFO : LIBOS_SCRATCH;
  }
}

// The exokernel's calls (exoabi.h: three ranges, with gaps between).
static int calls[] = {
  EXO_cputs, EXO_getenvid, EXO_exit, EXO_page_alloc, EXO_page_free, EXO_page_share,
  EXO_page_map, EXO_page_unmap, EXO_pte, EXO_exofork, EXO_env_run, EXO_set_upcall,
  EXO_resume, EXO_pct, EXO_recv, EXO_yield, EXO_page_pass, EXO_env_setframe,
  EXO_disk_bind, EXO_disk_read, EXO_disk_write, EXO_disk_grant, EXO_disk_info,
  EXO_cons_read, EXO_tlbmode, EXO_tlb_install, EXO_notify, EXO_env_name,
};

static unsigned int noframe[] = { 0, KERNEL_BASE, CONSOLE_BASE, 0xFFFFFFFC, UINFO + 2 * FZ_PAGE };

// Change a call only as far as the run needs (see the header).
static void
guard(int *num, unsigned int *a)
{
  switch (*num) {
  case EXO_exit:
  case EXO_recv:
  case EXO_cons_read:
    *num = EXO_getenvid;
    break;
  case EXO_cputs:
    if (exo_pte(0, a[0] & ~(FZ_PAGE - 1)) != 0 || exo_pte(0, (a[0] + 127) & ~(FZ_PAGE - 1)) != 0)
      a[1] = 0;
    break;
  case EXO_resume:
    if (exo_pte(0, a[0] & ~(FZ_PAGE - 1)) != 0 || (a[0] & ~(FZ_PAGE - 1)) == UINFO
        || (a[0] & ~(FZ_PAGE - 1)) == UINFO + FZ_PAGE)
      a[0] = noframe[fz_below(sizeof(noframe) / sizeof(noframe[0]))];
    break;
  case EXO_set_upcall:
    if (a[0] == 0 || (int)a[0] == me)
      a[1] = fz_below(2) ? 0 : (unsigned int)libos_upcall;
    break;
  }
}

static void
worker(unsigned int seed, int stream)
{
  unsigned int a[6];
  int made = 0;
  int num;
  int r;
  int i;

  me = exo_getenvid();
  fz_seed(seed, stream);
  while (made < WORKER_CALLS) {
    if (fz_below(8) == 0)
      fz_scramble();
    if (fz_below(4) == 0)
      num = fz_callnum(EXO_tlb_install + 1);   // any number: the gaps, the edges
    else
      num = calls[fz_below(sizeof(calls) / sizeof(calls[0]))];
    for (i = 0; i < 6; i++)
      a[i] = fz_arg();
    guard(&num, a);
    made++;
    r = fuzztrap(a[0], a[1], a[2], a[3], a[4], a[5], num, 0, 0);
    if (num == EXO_exofork && r > 0) {
      made++;
      fuzztrap(r, 0, 0, 0, 0, 0, EXO_env_run, 0, 0);
    }
  }
  exo_exit(made);
}

// The state of env id's slot (ENV_FREE once it is gone).
static int
envstatus(int id)
{
  int i;

  for (i = 0; i < EXO_NENV; i++)
    if (exoinfo->envs[i].id == id)
      return exoinfo->envs[i].status;
  return ENV_FREE;
}

// The kernel frees a dead env's thread and page table lazily, when the
// next exofork looks for a slot (kernel/exo/env.c envalloc), and only once
// its thread has switched away for the last time (on another core that
// may be a moment later). So that the host reads core's free pages at the
// same point after every run: give the dead a few time slices, then make
// and start one empty child, whose exofork frees them; it dies of its
// first fetch and is the one dead env left, holding the same pages every
// time.
static void
settle(void)
{
  int c;
  int i;

  for (i = 0; i < 8; i++)
    exo_yield();
  c = exo_exofork();
  if (c <= 0 || exo_env_run(c) < 0) {
    printf("fuzz: FAIL settle: exofork %d\n", c);
    return;
  }
  while (envstatus(c) != ENV_DEAD && envstatus(c) != ENV_FREE)
    exo_yield();
}

// One run: `calls` calls in workers of WORKER_CALLS.
static void
run(unsigned int seed, int calls)
{
  unsigned int before = exoinfo->nfree;
  int workers = 0;
  int finished = 0;
  unsigned int start = exoinfo->ticks;
  int c;
  int s;

  while (workers * WORKER_CALLS < calls) {
    c = libos_dumbfork();
    if (c == 0)
      worker(seed, workers);
    if (c < 0) {
      printf("fuzz: FAIL dumbfork: no worker (%d)\n", c);
      break;
    }
    workers++;
    start = exoinfo->ticks;
    while ((s = envstatus(c)) != ENV_FREE && s != ENV_DEAD) {
      if (exoinfo->ticks - start > WATCHDOG) {
        printf("fuzz: FAIL worker %d (env %d) still running after %d ticks\n", workers, c, WATCHDOG);
        libos_flush();
        return;
      }
      exo_yield();
    }
    finished++;
    libos_reclaim();                     // the pages dumbfork bound for the worker
  }
  settle();
  if (exoinfo->nfree != before)
    printf("fuzz: FAIL free pages %d before, %d after\n", before, exoinfo->nfree);
  printf("fuzz: done seed %u workers %d finished %d nfree %d %d\n",
         seed, workers, finished, before, exoinfo->nfree);
  libos_flush();
}

// A decimal number from s; *s moves past it and the blanks after it.
static unsigned int
number(char **s)
{
  unsigned int n = 0;

  while (**s >= '0' && **s <= '9')
    n = n * 10 + *(*s)++ - '0';
  while (**s == ' ')
    (*s)++;
  return n;
}

int
main(void)
{
  static char line[64];
  char *s;
  unsigned int seed;
  int n;

  driver = exo_getenvid();
  fz_init(grow);
  printf("fuzz: ready\n");
  libos_flush();
  for (;;) {
    n = 0;
    while (n < (int)sizeof(line) - 1 && (n == 0 || line[n - 1] != '\n'))
      if (exo_cons_read(line + n, 1) == 1)
        n++;
    line[n] = 0;
    s = line;
    seed = number(&s);
    if (seed == 0)
      break;
    run(seed, number(&s));
  }
  printf("fuzz: bye\n");
  return 0;
}
