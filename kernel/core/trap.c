// trap.c: what happens after entry.s has saved the registers.
//
// trap() gets every trap and interrupt, from user mode (ring 3) and from
// the kernel (ring 0):
//   - system calls (from user mode only) go to syscall(), with interrupts
//     back on, since a system call may take long or sleep;
//   - the timer, the IPI, the console and the disk interrupts go to their
//     handlers; the timer also makes the running process yield (round
//     robin), in user mode or in the kernel;
//   - a page fault in user mode on a page that is only missing for now
//     (lazy allocation, copy-on-write: lab pgtbl) goes to vmfault();
//   - an exception in user mode (bad access, illegal or privileged
//     instruction, division by zero, breakpoint) kills the process;
//   - an exception in the kernel is a kernel bug: panic.
// A process that was killed exits here, on its way back to user mode.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

uint ticks;
struct spinlock tickslock;
int ticksleepers;     // processes in sys_sleep (under tickslock)

static char *causenames[] = TRAP_CAUSE_NAMES;   // hw.h, from vm/isa.py

static char *accessnames[] = { "read", "write", "execute" };

// Set up this core's trap handling: the vector table, and csr scratch
// pointing at this core's struct cpu (for the debugger and assembly).
void
trapinithart(void)
{
  if (cpuid() == 0)
    initlock(&tickslock, "ticks");
  w_vec((uint)vectors);
  w_scratch((uint)mycpu());
}

static char *
causename(uint cause)
{
  if (cause < NCAUSE)
    return causenames[cause];
  return "unknown trap";
}

// Interrupts. Returns 1 if it was the timer.
static int
devintr(uint cause)
{
  switch (cause) {
  case T_TIMER:
    timerintr();
    return 1;
  case T_IPI:
    // Only a nudge: the scheduler looks at its run queue next.
    return 0;
  case T_CONSOLE:
    uartintr();
    return 0;
  case T_DISK:
    diskintr();
    return 0;
  }
  return 0;
}

static void
usertrap(struct trapframe *tf)
{
  struct proc *p = myproc();
  uint cause = tf->cause;

  if (p == 0 || tf != p->tf)
    panic("usertrap: not the running process's trap frame");

  if (cause == T_SYSCALL) {
    if (killed(p))
      exit(-1);
    intr_on();
    syscall();
  } else if (cause >= T_TIMER) {
    if (devintr(cause) && slice_over(p))
      yield();
  /* BEGIN SOLUTION pgtbl */
  } else if (cause == T_PAGEFAULT && vmfault(p, tf->badaddr, tf->access == ACCESS_WRITE) == 0) {
    // A lazy heap page or a copy-on-write page, which is there now:
    // back to user mode, where the faulting instruction runs again.
  /* END SOLUTION pgtbl */
  } else {
    // The process did something it may not: it dies, the kernel goes on.
    printf("pid %d (%s): %s at pc %p", p->pid, p->name, causename(cause), tf->epc);
    if (cause == T_PAGEFAULT || cause == T_MISALIGNED || cause == T_TLBMISS)
      printf(" (%s of %p)", accessnames[tf->access % 3], tf->badaddr);
    printf(": killed\n");
    setkilled(p);
  }

  if (killed(p))
    exit(-1);
}

static void
kerneltrap(struct trapframe *tf)
{
  struct proc *p;
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
    p = myproc();
    if (p != 0 && p->state == RUNNING && slice_over(p))
      yield();
  }
}

void
trap(struct trapframe *tf)
{
  if (STATUS_RING(tf->estatus) != 0)
    usertrap(tf);
  else
    kerneltrap(tf);
}
