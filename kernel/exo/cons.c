// cons.c: console input on the exokernel.
//
// The kernel keeps no line buffer and no line discipline: those are the
// library OS's (libos/unix/file.c edits lines, echoes, handles ^C and
// ^D). It only multiplexes the device: EXO_cons_read(va, n) hands the
// caller the bytes waiting in the UART's receive FIFO (up to n), and when
// there are none, sleeps until the console interrupt says some arrived.
// The FIFO and the host hold whatever no one has read yet, so no byte is
// lost and the kernel needs no buffer of its own.
//
// Invariant: the UART's receive interrupt is on only while a reader
// sleeps here; the interrupt handler turns it off and wakes the readers
// (inlock makes "no byte, so sleep" and the interrupt's wakeup atomic).

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"
#include "exo.h"

static struct spinlock inlock;
static int readers;                 // the channel readers sleep on

void
consintr(void)
{
  acquire(&inlock);
  uartrxintr(0);
  wakeup(&readers);
  release(&inlock);
}

void
consinit(void)
{
  initlock(&inlock, "consin");
  uartrxintr(0);
  irq_register(T_CONSOLE, consintr);
}

int
cons_read(uint va, uint n)
{
  char buf[64];
  uint got = 0;
  int c;

  if (n == 0)
    return 0;
  if (n > sizeof(buf))
    n = sizeof(buf);
  acquire(&inlock);
  while ((c = uartgetc()) < 0) {
    uartrxintr(1);
    sleep(&readers, &inlock);
  }
  do
    buf[got++] = c;
  while (got < n && (c = uartgetc()) >= 0);
  release(&inlock);
  if (copyout(mythread()->as->pagetable, va, buf, got) < 0)
    return -EFAULT;
  return got;
}
