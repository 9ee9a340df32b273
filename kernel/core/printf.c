// printf.c: the kernel's formatted output, and panic.
//
// printf writes straight to the console's transmit register. It knows
// %d %u %x %p %s %c and %%. A lock keeps lines from different cores
// from interleaving, except during a panic, when the panicking core
// must print even if another core died holding the lock.

#include <stdarg.h>

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "defs.h"

volatile int panicked = 0;

static struct spinlock pr_lock;
static int pr_locking = 1;

static char digits[] = "0123456789abcdef";

void
printfinit(void)
{
  initlock(&pr_lock, "pr");
}

static void
printint(int value, int base, int sign)
{
  char buf[12];
  int i = 0;
  uint x;

  if (sign && value < 0)
    x = -value;
  else
    x = value;
  do {
    buf[i++] = digits[x % base];
    x = x / base;
  } while (x != 0);
  if (sign && value < 0)
    buf[i++] = '-';
  while (--i >= 0)
    uartputc(buf[i]);
}

static void
printptr(uint x)
{
  int i;

  uartputc('0');
  uartputc('x');
  for (i = 0; i < 8; i++, x <<= 4)
    uartputc(digits[x >> 28]);
}

void
printf(char *fmt, ...)
{
  va_list ap;
  int i, c, locking;
  char *s;

  locking = pr_locking;
  if (locking)
    acquire(&pr_lock);

  va_start(ap, fmt);
  for (i = 0; (c = fmt[i] & 0xFF) != 0; i++) {
    if (c != '%') {
      uartputc(c);
      continue;
    }
    c = fmt[++i] & 0xFF;
    if (c == 0)
      break;
    switch (c) {
    case 'd':
      printint(va_arg(ap, int), 10, 1);
      break;
    case 'u':
      printint(va_arg(ap, int), 10, 0);
      break;
    case 'x':
      printint(va_arg(ap, int), 16, 0);
      break;
    case 'p':
      printptr(va_arg(ap, uint));
      break;
    case 'c':
      uartputc(va_arg(ap, int));
      break;
    case 's':
      s = va_arg(ap, char *);
      if (s == 0)
        s = "(null)";
      for (; *s; s++)
        uartputc(*s);
      break;
    case '%':
      uartputc('%');
      break;
    default:
      // Unknown conversion: print it as it was written.
      uartputc('%');
      uartputc(c);
      break;
    }
  }
  va_end(ap);

  if (locking)
    release(&pr_lock);
}

// Print the return addresses on the current stack by following the
// frame-pointer chain (docs/abi.md: the caller's pc is at fp+4, the
// caller's fp at fp+0). `minos debug` turns the addresses into names.
void
backtrace(void)
{
  uint fp = r_fp();
  int depth;

  printf("backtrace:\n");
  for (depth = 0; depth < 32; depth++) {
    // Stop at the end of the chain (fp = 0) or at anything that does
    // not look like a kernel stack address, rather than fault here.
    if (fp < KERNEL_BASE || fp >= r_memsize() || (fp & 3) != 0)
      break;
    printf("  %p\n", ((uint *)fp)[1]);
    fp = ((uint *)fp)[0];
  }
}

void
poweroff(int status)
{
  REG(POWER_BASE, POWER_OFF) = status;
  for (;;)
    ;
}

// Something is wrong inside the kernel: say what and where, then stop
// the machine (exit status 255) so tests and graders see it at once.
void
panic(char *s)
{
  intr_off();
  pr_locking = 0;
  printf("panic: core %d: %s\n", r_coreid(), s);
  backtrace();
  panicked = 1;
  poweroff(255);
}
