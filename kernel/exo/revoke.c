// revoke.c: visible revocation and the abort protocol.
//
// When the kernel needs pages back, it does not take them silently (the
// traditional, invisible kind): it ASKS the environment, by an upcall
// with cause EXO_REVOKE (badaddr = how many pages, access = the page it
// wants, or -1 for any), and the library OS chooses which pages to give
// up (page_unmap, page_free). That is the dialogue. If the library has
// not complied within REVOKE_TICKS ticks, the abort protocol breaks the
// bindings by force: the kernel takes the page it asked for, or the
// pages the env bound last (page.c youngest), records each in the env's
// repossession vector (the exposed page), and the library's next touch
// of one is an ordinary page fault its handler can explain.
//
// Who asks: the instructor's knob, exo_revoke, a kernel variable the
// host writes (tests/exo: the machine's memory at its symbol's address),
// standing for memory pressure. One request is in progress at a time.
// Runs in the timer interrupt on core 0, interrupts off; takes envlock.
// The upcall is delivered when a tick on core 0 interrupts the env in user
// mode; an env that is not seen there within REVOKE_TICKS is not asked,
// and the abort protocol follows.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "exo.h"

#define REVOKE_TICKS 20        // the bound: 20 ticks (200,000 cycles) to comply

// The knob: the host sets n and ppn, then env (non-zero starts it).
struct {
  int env;                // the env to ask (its id)
  int n;                  // pages wanted
  int ppn;                // a particular page, or -1 for any n pages
} exo_revoke;

static struct {
  int id;                 // the env asked (0: no request in progress)
  int n;
  int ppn;
  int asked;              // the upcall was delivered
  int held;               // pages it held when asked
  uint deadline;          // ticks: after this, the abort protocol
} req;

static int
complied(struct env *e)
{
  if (req.ppn >= 0)
    return !holds(e, req.ppn);
  return pagesheld(e) <= req.held - req.n;
}

static void
abort_protocol(struct env *e)
{
  int i, ppn;

  if (req.ppn >= 0) {
    if (holds(e, req.ppn))
      repossess(e, req.ppn);
  } else {
    for (i = pagesheld(e); i > req.held - req.n; i--) {
      if ((ppn = youngest(e)) < 0)
        break;
      repossess(e, ppn);
    }
  }
}

void
revoketick(void)
{
  struct thread *t = mythread();
  struct env *e;
  int taken;

  if (req.id == 0 && exo_revoke.env != 0) {
    req.id = exo_revoke.env;
    req.n = exo_revoke.n;
    req.ppn = exo_revoke.ppn;
    req.asked = 0;
    req.deadline = ticks + REVOKE_TICKS;   // to be asked at all
    exo_revoke.env = 0;
  }
  if (req.id == 0)
    return;
  acquire(&envlock);
  e = envlookup(req.id);
  if (e == 0 || *e->status == ENV_DEAD) {
    req.id = 0;
  } else if (!req.asked && ticks >= req.deadline) {
    // It never ran in user mode on core 0 meanwhile: it cannot be asked.
    req.held = pagesheld(e);
    req.asked = 1;
    printf("exo: revocation: env %d could not be asked\n", e->id);
  } else if (!req.asked) {
    // Ask when its thread is the one the tick interrupted in user mode.
    // (An env without an upcall cannot be asked: straight to the abort.)
    if (t && t->owner == e && STATUS_RING(r_estatus()) == 3) {
      req.held = pagesheld(e);
      req.deadline = ticks + REVOKE_TICKS;
      req.asked = 1;
      if (upcall(t, EXO_REVOKE, req.n, req.ppn) < 0)
        req.deadline = ticks;
      printf("exo: revocation: asked env %d for %d page(s)\n", e->id, req.n);
    }
  } else if (complied(e)) {
    printf("exo: revocation: env %d gave back %d page(s)\n", e->id, req.held - pagesheld(e));
    req.id = 0;
  } else if (ticks >= req.deadline) {
    taken = info->envs[e - envs].nrepo;
    abort_protocol(e);
    printf("exo: revocation: env %d did not comply: abort protocol, %d page(s) repossessed\n",
           e->id, info->envs[e - envs].nrepo - taken);
    req.id = 0;
  }
  release(&envlock);
}
