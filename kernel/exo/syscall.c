// syscall.c: the exokernel's system calls (numbers in exoabi.h).
//
// Each is a protection primitive: bind, share, map or unmap a physical
// page by number, create or start an environment, deliver or return from
// an exception, transfer control. None manages a resource for the
// caller. Arguments come in a0-a3 of the trap frame; the result goes in
// a0. A bad argument is an -E... result, never a panic.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"
#include "personality.h"
#include "exo.h"

static struct spinlock conslock;   // one cputs at a time on the console

void
syscallinit(void)
{
  initlock(&conslock, "cputs");
}

// Write len bytes at user address va to the console.
static int
cputs(uint va, uint len)
{
  char buf[128];
  uint n, i;

  acquire(&conslock);
  while (len > 0) {
    n = len < sizeof(buf) ? len : sizeof(buf);
    if (copyin(mythread()->as->pagetable, buf, va, n) < 0) {
      release(&conslock);
      return -EFAULT;
    }
    for (i = 0; i < n; i++)
      uartputc(buf[i]);
    va += n;
    len -= n;
  }
  release(&conslock);
  return 0;
}

void
syscall(struct thread *t)
{
  struct trapframe *tf = t->tf;

  switch (tf->t0) {
  case EXO_cputs:      tf->a0 = cputs(tf->a0, tf->a1); break;
  case EXO_getenvid:   tf->a0 = myenv()->id; break;
  case EXO_tlbmode:    tf->a0 = tlbmode(tf->a0, tf->a1); break;
  case EXO_tlb_install: tf->a0 = tlb_install(tf->a0, tf->a1, tf->a2); break;
  case EXO_exit:       envdestroy(myenv(), tf->a0); break;
  case EXO_page_alloc: tf->a0 = page_alloc(tf->a0); break;
  case EXO_page_free:  tf->a0 = page_free(tf->a0); break;
  case EXO_page_share: tf->a0 = page_share(tf->a0, tf->a1, tf->a2); break;
  case EXO_page_map:   tf->a0 = page_map(tf->a0, tf->a1, tf->a2, tf->a3); break;
  case EXO_page_unmap: tf->a0 = page_unmap(tf->a0, tf->a1); break;
  case EXO_pte:        tf->a0 = page_pte(tf->a0, tf->a1); break;
  case EXO_exofork:    tf->a0 = exofork(); break;
  case EXO_env_run:    tf->a0 = envrun(tf->a0); break;
  case EXO_set_upcall: tf->a0 = setupcall(tf->a0, tf->a1); break;
  case EXO_resume:     tf->a0 = envresume(tf->a0); break;
  case EXO_pct:        tf->a0 = pct(tf->a0, tf->a1, tf->a2, tf->a3); break;
  case EXO_recv:       tf->a0 = recv(); break;
  case EXO_notify:     tf->a0 = notify(tf->a0); break;
  case EXO_yield:      yield(); tf->a0 = 0; break;
  case EXO_page_pass:  tf->a0 = page_pass(tf->a0, tf->a1, tf->a2, tf->a3); break;
  case EXO_env_setframe: tf->a0 = env_setframe(tf->a0, tf->a1); break;
  case EXO_disk_bind:  tf->a0 = disk_bind(tf->a0, tf->a1); break;
  case EXO_disk_read:  tf->a0 = disk_rw(tf->a0, tf->a1, 0); break;
  case EXO_disk_write: tf->a0 = disk_rw(tf->a0, tf->a1, 1); break;
  case EXO_disk_grant: tf->a0 = disk_grant(tf->a0); break;
  case EXO_disk_info:  tf->a0 = disk_info(tf->a0); break;
  case EXO_cons_read:  tf->a0 = cons_read(tf->a0, tf->a1); break;
  case EXO_env_name:   tf->a0 = env_name(tf->a0, tf->a1); break;
  default:
    printf("env %d (%s): unknown system call %d\n", myenv()->id, t->name, tf->t0);
    tf->a0 = -ENOSYS;
  }
  if (((struct env *)t->owner)->tlbmode)
    swtlbexit(t);                // the software-TLB mode's way out (stlb.c)
}
