// trap.c: what happens after entry.s has saved the registers.
//
// trap() gets every trap and interrupt, from user mode (ring 3) and from
// the kernel (ring 0):
//   - system calls (from user mode only) go to the personality's
//     syscall() (personality.h), with interrupts back on, since a system
//     call may take long or sleep;
//   - interrupts go to the handler registered for their cause in the
//     interrupt table (irq_register): core registers the timer's, the
//     personality its devices'. The timer also makes the running thread
//     yield (round robin), in user mode or in the kernel;
//   - a page fault in user mode on a page that is only missing for now
//     (lazy allocation, copy-on-write: lab pgtbl) goes to vmfault();
//   - any other fault in user mode goes to the personality
//     (personality_fault: micro hands a page fault to a pager);
//   - an exception in user mode that no one resolved (bad access, illegal or privileged
//     instruction, division by zero, breakpoint) kills the thread;
//   - an exception in the kernel is a kernel bug: panic.
// A thread that was killed ends here (personality_exit), on its way back
// to user mode.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "personality.h"

uint ticks;
struct spinlock tickslock;
int ticksleepers;     // threads sleeping on &ticks (sys_sleep; under tickslock)

static char *causenames[] = TRAP_CAUSE_NAMES;   // hw.h, from vm/isa.py

static char *accessnames[] = { "read", "write", "execute" };

// The interrupt table: the handler of each interrupt cause (T_TIMER and
// up), or 0 for none (the IPI needs none: it only wakes the scheduler).
// Written at boot on core 0, before the other cores start; read-only
// after that, so dispatching needs no lock.
static void (*irqhandler[NCAUSE])(void);

// The vector table every core installs: 0 means core's own (entry.s).
// A personality may name its own in personality_init (kernel/exo does,
// to deliver user exceptions without the generic path); its slots jump
// to core's alltraps for whatever it does not handle itself. Core 0
// installed core's table before personality_init, so a personality that
// sets this also installs it on core 0 itself.
uint trapvectors;

void
irq_register(int cause, void (*handler)(void))
{
  if (cause < T_TIMER || cause >= NCAUSE)
    panic("irq_register: not an interrupt cause");
  irqhandler[cause] = handler;
}

// Set up this core's trap handling: the vector table. (main() has set
// csr scratch to this core's struct cpu.) Core 0 also registers the
// timer's handler.
void
trapinithart(void)
{
  if (cpuid() == 0) {
    initlock(&tickslock, "ticks");
    irq_register(T_TIMER, timerintr);
  }
  w_vec(trapvectors ? trapvectors : (uint)vectors);
}

static char *
causename(uint cause)
{
  if (cause < NCAUSE)
    return causenames[cause];
  return "unknown trap";
}

// An interrupt: run its handler. Returns 1 if it was the timer.
static int
devintr(uint cause)
{
  if (irqhandler[cause])
    irqhandler[cause]();
  return cause == T_TIMER;
}

static void
usertrap(struct trapframe *tf)
{
  struct thread *p = mythread();
  uint cause = tf->cause;

  if (p == 0 || tf != p->tf)
    panic("usertrap: not the running thread's trap frame");

  if (cause >= T_TIMER) {
    if (devintr(cause) && slice_over(p))
      yield();
  /* BEGIN SOLUTION pgtbl */
  } else if (cause == T_PAGEFAULT && vmfault(p, tf->badaddr, tf->access == ACCESS_WRITE) == 0) {
    // A lazy heap page or a copy-on-write page, which is there now:
    // back to user mode, where the faulting instruction runs again.
  /* END SOLUTION pgtbl */
  } else if (personality_fault(p, tf) == 0) {
    // The personality resolved it (micro: the thread's pager mapped the
    // page): the faulting instruction runs again.
  } else {
    // The thread did something it may not: it dies, the kernel goes on.
    printf("pid %d (%s): %s at pc %p", p->tid, p->name, causename(cause), tf->epc);
    if (cause == T_PAGEFAULT || cause == T_MISALIGNED || cause == T_TLBMISS)
      printf(" (%s of %p)", accessnames[tf->access % 3], tf->badaddr);
    printf(": killed\n");
    setkilled(p);
  }

  if (killed(p))
    personality_exit(-1);
}

static void
kerneltrap(struct trapframe *tf)
{
  struct thread *p;
  uint cause = tf->cause;

  if (cause < T_TIMER) {
    printf("kernel trap: %s at pc %p", causename(cause), tf->epc);
    if (cause == T_PAGEFAULT || cause == T_MISALIGNED || cause == T_TLBMISS)
      printf(" (%s of %p)", accessnames[tf->access % 3], tf->badaddr);
    printf(", lr %p sp %p\n", tf->lr, tf->sp);
    panic("kernel trap");
  }
  if (devintr(cause)) {
    // Time slices inside the kernel too, unless we are the scheduler.
    p = mythread();
    if (p != 0 && p->state == RUNNING && slice_over(p))
      yield();
  }
}

void
trap(struct trapframe *tf)
{
  struct thread *t;

  // The system-call fast path: a null system call is the cost every
  // comparison between kernel structures starts from, so it goes
  // straight to the personality. The kill checks read t->killed as
  // killed() does (no lock is needed: see there); interrupts go back on
  // with one instruction, since a system call may take long or sleep.
  if (tf->cause == T_SYSCALL && STATUS_RING(tf->estatus) != 0) {
    t = mythread();
    if (t->killed)
      personality_exit(-1);
    asm volatile("sti");
    syscall(t);
    if (t->killed)
      personality_exit(-1);
    return;
  }
  if (STATUS_RING(tf->estatus) != 0)
    usertrap(tf);
  else
    kerneltrap(tf);
}
