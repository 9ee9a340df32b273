// console.c: the console as a device file (/dev/console, major CONSOLE),
// with a line discipline.
//
// Received bytes arrive one at a time from the UART interrupt
// (consoleirq below calls consoleintr). The line discipline edits the current
// line and echoes what is typed:
//
//   backspace (^H or DEL)  erase the last character of the line
//   ^U                     erase the whole line
//   ^C                     discard the line and kill the foreground
//                          process group (tcsetpgrp); 0 or 1 means
//                          "none" (^C never kills init)
//   ^D                     end of input: a read returns what is typed so
//                          far, or 0 (end of file) on an empty line
//   \r                     read as \n
//
// A read returns at most one line (a line ends with \n, ^D, or a full
// buffer) and sleeps until one is complete.
//
// No byte is ever dropped: when the buffer is full, consoleroom() tells
// the UART to stop (its receive interrupt goes off and the bytes wait in
// its FIFO, the host holding the rest); consoleread() starts it again once
// it has taken bytes out. Both happen under cons.lock, so a read on one
// core and the interrupt on another cannot leave the UART stopped with
// room in the buffer.

#include "types.h"
#include "monoparam.h"
#include "machine.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "thread.h"
#include "proc.h"
#include "fs.h"
#include "file.h"
#include "defs.h"
#include "mono.h"
#include "errnum.h"

#define CTRL(x)    ((x) - '@')
#define BACKSPACE  0x100          // consputc: erase one character on screen
#define INPUT_BUF  128

static struct {
  struct spinlock lock;
  char buf[INPUT_BUF];
  uint r;                 // next byte a read returns
  uint w;                 // end of the completed lines
  uint e;                 // end of the line being edited
  int stopped;            // the UART's receive interrupt is off: no room
} cons;

// Serializes writes, so two processes' output does not interleave
// within one write() call.
static struct spinlock writelock;

// Show one byte on the console (BACKSPACE erases the last one).
void
consputc(int c)
{
  if (c == BACKSPACE) {
    uartputc('\b');
    uartputc(' ');
    uartputc('\b');
  } else {
    uartputc(c);
  }
}

// devsw write: n bytes from src to the screen.
static int
consolewrite(int user_src, uint src, int n)
{
  char chunk[64];
  int i;
  int m;
  int j;

  if (n < 0)
    return -EINVAL;
  acquire(&writelock);
  for (i = 0; i < n; i += m) {
    m = n - i;
    if (m > (int)sizeof(chunk))
      m = sizeof(chunk);
    if (either_copyin(chunk, user_src, src + i, m) < 0) {
      release(&writelock);
      return i > 0 ? i : -EFAULT;
    }
    for (j = 0; j < m; j++)
      consputc(chunk[j]);
  }
  release(&writelock);
  return n;
}

// devsw read: up to n bytes of the next line to dst.
static int
consoleread(int user_dst, uint dst, int n)
{
  int got = 0;
  char c;

  if (n < 0)
    return -EINVAL;
  acquire(&cons.lock);
  while (got < n) {
    while (cons.r == cons.w) {
      if (killed(mythread())) {
        release(&cons.lock);
        return -EINTR;
      }
      sleep(&cons.r, &cons.lock);
    }
    c = cons.buf[cons.r % INPUT_BUF];
    cons.r++;

    if (c == CTRL('D')) {
      if (got > 0)
        cons.r--;       // keep ^D: the next read returns 0
      break;
    }
    if (either_copyout(user_dst, dst, &c, 1) < 0) {
      if (got == 0)
        got = -EFAULT;
      break;
    }
    dst++;
    got++;
    if (c == '\n')
      break;
  }
  if (cons.stopped && cons.e - cons.r < INPUT_BUF) {
    cons.stopped = 0;           // there is room again: let the UART deliver
    uartrxintr(1);
  }
  release(&cons.lock);
  return got;
}

// May the UART hand over one more byte? If the buffer is full, no: the
// UART is stopped until a read makes room (see the top of this file).
int
consoleroom(void)
{
  int room;

  acquire(&cons.lock);
  room = cons.e - cons.r < INPUT_BUF;
  if (!room && !cons.stopped) {
    cons.stopped = 1;
    uartrxintr(0);
  }
  release(&cons.lock);
  return room;
}

// One byte arrived from the keyboard (called from the console interrupt).
void
consoleintr(int c)
{
  int pg;

  acquire(&cons.lock);
  switch (c) {
  case CTRL('U'):
    while (cons.e != cons.w && cons.buf[(cons.e - 1) % INPUT_BUF] != '\n') {
      cons.e--;
      consputc(BACKSPACE);
    }
    break;

  case CTRL('H'):
  case 0x7f:
    if (cons.e != cons.w) {
      cons.e--;
      consputc(BACKSPACE);
    }
    break;

  case CTRL('C'):
    consputc('^');
    consputc('C');
    consputc('\n');
    cons.e = cons.w;            // forget the line being typed
    pg = tcgetpgrp();
    if (pg > 1) {
      release(&cons.lock);      // killpgrp takes process locks
      killpgrp(pg);
      return;
    }
    break;

  default:
    if (c == 0 || cons.e - cons.r >= INPUT_BUF)
      break;                    // nothing (no room cannot happen: consoleroom)
    if (c == '\r')
      c = '\n';
    if (c != CTRL('D'))
      consputc(c);
    cons.buf[cons.e % INPUT_BUF] = c;
    cons.e++;
    if (c == '\n' || c == CTRL('D') || cons.e - cons.r == INPUT_BUF) {
      cons.w = cons.e;          // a line is complete: readers may take it
      wakeup(&cons.r);
    }
    break;
  }
  release(&cons.lock);
}

// The console interrupt (registered below): hand waiting bytes to the
// line discipline while it has room for them. The interrupt is
// level-triggered, so it stops once RX is empty, or once consoleroom()
// has switched it off.
static void
consoleirq(void)
{
  int c;

  while (consoleroom() && (c = uartgetc()) >= 0)
    consoleintr(c);
}

void
consoleinit(void)
{
  initlock(&cons.lock, "cons");
  initlock(&writelock, "conswrite");
  cons.r = 0;
  cons.w = 0;
  cons.e = 0;
  cons.stopped = 0;
  devsw[CONSOLE].read = consoleread;
  devsw[CONSOLE].write = consolewrite;
  irq_register(T_CONSOLE, consoleirq);
}
