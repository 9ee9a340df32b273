// sched.c: the per-core scheduler, and sleep/wakeup.
//
// Each core has its own run queue (struct runq in its struct cpu, with
// its own lock) and runs its own round robin: the timer interrupts every
// TICK_CYCLES cycles, and when the running process has used its time
// slice (slice_over: prio ticks' worth) it yields and the core takes the
// next process from the head of its queue. Work moves between cores
// in three ways:
//   - a new process goes to the least loaded core (place_new);
//   - a woken process goes back to the core it last ran on, and if that
//     core is idle it gets an IPI so it wakes from wfi (make_runnable);
//   - a core with an empty queue steals a runnable process from the
//     core with the longest queue (steal); when a process has to wait
//     behind a running one, make_runnable wakes an idle core to do so.
// Idle cores other than core 0 stop their timers, so they only wake for
// an IPI (or a device interrupt).
// (The queues, placement, stealing and time slices are lab sched's
// solution; the lab's student tree starts from one shared queue.)
//
// Lock order: p->lock, then a run queue's lock. The scheduler pops a
// process under the queue lock, drops it, then takes p->lock.
//
// The process's p->lock is held across every swtch(): the code that
// switches away (yield, sleep, exit) takes it, and the code that runs
// next on the same core (the scheduler, or the process that resumes)
// releases it. So no other core can start running a process before its
// registers are saved, even if it was stolen the instant it was queued.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"

void
schedinit(void)
{
  int i;

  for (i = 0; i < NCPU; i++) {
    cpus[i].id = i;
    initlock(&cpus[i].rq.lock, "runq");
    cpus[i].rq.head = 0;
    cpus[i].rq.tail = 0;
    cpus[i].rq.n = 0;
  }
}

// ---- run queues, placement and balancing ----
//
// This part is lab sched's (labs/sched/README.md). It decides which
// queue a runnable process joins (make_runnable, place_new), which
// process a core runs next (pick), and how long it runs (slice_over).

/* BEGIN SOLUTION sched */
static void
rq_push(struct runq *rq, struct thread *p)
{
  acquire(&rq->lock);
  p->rqnext = 0;
  if (rq->tail)
    rq->tail->rqnext = p;
  else
    rq->head = p;
  rq->tail = p;
  rq->n++;
  release(&rq->lock);
}

static struct thread *
rq_pop(struct runq *rq)
{
  struct thread *p;

  acquire(&rq->lock);
  p = rq->head;
  if (p) {
    rq->head = p->rqnext;
    if (rq->head == 0)
      rq->tail = 0;
    p->rqnext = 0;
    rq->n--;
  }
  release(&rq->lock);
  return p;
}

// How busy core i is: queued processes plus the one running.
static int
load(int i)
{
  return cpus[i].rq.n + (cpus[i].thread != 0);
}

// Wake one idle core (not this one) from wfi, so that it steals work.
static void
kick_idle(void)
{
  int i;

  for (i = 0; i < ncpu; i++) {
    if (i != cpuid() && cpus[i].thread == 0 && cpus[i].rq.n == 0) {
      w_ipi(i);
      return;
    }
  }
}

// Mark p runnable and queue it on core p->cpu. Caller holds p->lock.
// Idle cores sleep in wfi with their timers stopped, so someone must
// wake a core for the new work: the queue's own core if it is idle, or
// else, if p has to wait behind the process running there, an idle
// core that will steal it.
void
make_runnable(struct thread *p)
{
  struct cpu *c = &cpus[p->cpu];

  p->state = RUNNABLE;
  p->queuedat = r_cycle();
  rq_push(&c->rq, p);
  if (c->thread == 0) {
    if (c->id != cpuid())
      w_ipi(c->id);
    return;
  }
  // (A process yielding to an otherwise empty queue simply runs again.)
  if (c->thread != p || c->rq.n > 1)
    kick_idle();
}

// A new process: start it on the least loaded core. Caller holds p->lock.
void
place_new(struct thread *p)
{
  int i, best = cpuid();

  for (i = 0; i < ncpu; i++)
    if (load(i) < load(best))
      best = i;
  p->cpu = best;
  make_runnable(p);
}

// Take a runnable process from the core with the longest queue, or 0.
static struct thread *
steal(struct cpu *c)
{
  int i, victim = -1, most = 0;
  struct thread *p;

  for (i = 0; i < ncpu; i++) {
    if (i != c->id && cpus[i].rq.n > most) {
      most = cpus[i].rq.n;
      victim = i;
    }
  }
  if (victim < 0)
    return 0;
  p = rq_pop(&cpus[victim].rq);   // 0 if someone else was faster
  if (p)
    c->nsteal++;
  return p;
}

// The process core c runs next: the head of its own queue, or one
// stolen from the busiest core; 0 if there is nothing to run.
static struct thread *
pick(struct cpu *c)
{
  struct thread *p;

  p = rq_pop(&c->rq);
  if (p == 0)
    p = steal(c);
  return p;
}

// A timer tick while p runs. Returns 1 if p has used up its time slice,
// so it should yield. A process of priority n may run n ticks' worth of
// cycles per turn, so on a busy core its share of the time is
// proportional to n. The allowance is counted in cycles, not ticks,
// because a turn rarely starts on a tick: the process before may have
// given up the core in the middle of one (to sleep, say). The turn ends
// at the tick nearest to the allowance, and what p ran over or under it
// is taken from or added to its next turn.
int
slice_over(struct thread *p)
{
  int ran = r_cycle() - mycpu()->runstart;    // this turn so far

  if (ran + TICK_CYCLES / 2 < p->slice)
    return 0;
  p->slice += p->prio * TICK_CYCLES - ran;
  return 1;
}
/* END SOLUTION sched */
/* STUB sched
// Lab sched: the simple scheduler you start from (labs/sched/README.md).
// Every core takes its work from one shared queue, core 0's, first come
// first served. No one wakes an idle core when work arrives, nothing
// spreads processes over the cores, and every process runs one tick at
// a time whatever its priority. It is correct, but it is not fast.

static void
rq_push(struct runq *rq, struct thread *p)
{
  acquire(&rq->lock);
  p->rqnext = 0;
  if (rq->tail)
    rq->tail->rqnext = p;
  else
    rq->head = p;
  rq->tail = p;
  rq->n++;
  release(&rq->lock);
}

static struct thread *
rq_pop(struct runq *rq)
{
  struct thread *p;

  acquire(&rq->lock);
  p = rq->head;
  if (p) {
    rq->head = p->rqnext;
    if (rq->head == 0)
      rq->tail = 0;
    p->rqnext = 0;
    rq->n--;
  }
  release(&rq->lock);
  return p;
}

// Mark p runnable and queue it. Caller holds p->lock.
void
make_runnable(struct thread *p)
{
  p->state = RUNNABLE;
  p->queuedat = r_cycle();
  rq_push(&cpus[0].rq, p);
}

// A new process. Caller holds p->lock.
void
place_new(struct thread *p)
{
  make_runnable(p);
}

// The process core c runs next, or 0 if there is nothing to run.
static struct thread *
pick(struct cpu *c)
{
  return rq_pop(&cpus[0].rq);
}

// A timer tick while p runs: 1 if it should yield the core now.
int
slice_over(struct thread *p)
{
  return 1;
}
*/

// ---- the scheduler loop ----

// Each core runs this forever after booting, on its boot stack, with the
// kernel page table. It picks a process, switches to it, and gets control
// back when the process yields, sleeps or exits.
void
scheduler(void)
{
  struct cpu *c = mycpu();
  struct thread *p;
  uint ran;

  c->thread = 0;
  for (;;) {
    // Let pending interrupts in: they may make something runnable.
    intr_on();
    intr_off();

    p = pick(c);
    if (p == 0) {
      // Nothing to do. With interrupts off, wfi returns as soon as an
      // interrupt is pending; intr_on() at the top of the loop takes it.
      // (A wakeup between the checks above and wfi leaves an IPI
      // pending, so it is not lost.)
      // Core 0's timer keeps the clock (ticks); the others stop theirs
      // while idle, so an idle machine executes almost nothing.
      c->nidle++;
      if (c->id != 0 && !c->timeroff) {
        w_timer(0);
        c->timeroff = 1;
      }
      wfi();
      continue;
    }

    acquire(&p->lock);
    if (p->state != RUNNABLE) {
      release(&p->lock);
      continue;
    }
    p->state = RUNNING;
    // (Cores' cycle counters advance together, in rounds of a few
    // hundred cycles, so one queued on another core is close enough.)
    c->waitcycles += r_cycle() - p->queuedat;
    if (p->cpu != c->id)
      c->nmigrate++;     // it last ran, or was queued, on another core
    p->cpu = c->id;
    c->thread = p;
    w_ksp((uint)p->kstack + KSTACKSIZE);
    vmswitch(p->as->pagetable, p->as->asid);
    if (c->timeroff) {
      w_timer(TICK_CYCLES);
      c->timeroff = 0;
    }
    c->nswitch++;
    c->runstart = r_cycle();

    swtch(&c->context, &p->context);

    // Back from the process, which holds nothing but p->lock. (Not
    // always the one we switched to: a personality's direct switch —
    // micro's IPC fast path — may have given the core to another
    // thread, which then came back.)
    p = c->thread;
    ran = r_cycle() - c->runstart;
    c->busycycles += ran;
    p->cycles += ran;
    vmswitchkernel();    // p's page directory may be freed once we let go of p
    c->thread = 0;
    release(&p->lock);
  }
}

// Switch from the current process to this core's scheduler. The caller
// holds p->lock (and no other lock) and has changed p->state.
// intena belongs to the process's kernel thread, not to the core, so it
// is saved and restored around the switch.
void
sched(void)
{
  int intena;
  struct thread *p = mythread();

  if (!holding(&p->lock))
    panic("sched: p->lock not held");
  if (mycpu()->noff != 1)
    panic("sched: holding locks");
  if (p->state == RUNNING)
    panic("sched: still running");
  if (intr_get())
    panic("sched: interrupts on");

  intena = mycpu()->intena;
  swtch(&p->context, &mycpu()->context);
  mycpu()->intena = intena;
}

// Give up the core for one round (the timer's round robin).
void
yield(void)
{
  struct thread *p = mythread();

  acquire(&p->lock);
  make_runnable(p);
  sched();
  release(&p->lock);
}

// ---- sleep and wakeup ----

// Sleep on chan, atomically releasing lk; take lk again on waking.
// state and chan are set before lk is released, so a wakeup(chan) made
// under lk either sees this process asleep or happens before it checks
// its condition: wakeups are never lost.
void
sleep(void *chan, struct spinlock *lk)
{
  struct thread *p = mythread();

  acquire(&p->lock);
  p->chan = chan;
  p->state = SLEEPING;
  release(lk);

  sched();

  p->chan = 0;
  release(&p->lock);
  acquire(lk);
}

// Wake every process sleeping on chan. The caller holds the lock the
// sleepers passed to sleep(), so the quick unlocked check of state and
// chan cannot miss one (see sleep); it only saves taking every
// process's lock on every wakeup.
void
wakeup(void *chan)
{
  struct thread *p;
  struct thread *me = mythread();

  for (p = threads; p < &threads[NTHREAD]; p++) {
    if (p == me || p->state != SLEEPING || p->chan != chan)
      continue;
    acquire(&p->lock);
    if (p->state == SLEEPING && p->chan == chan)
      make_runnable(p);
    release(&p->lock);
  }
}
