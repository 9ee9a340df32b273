// uart.c: the console's device registers (docs/devices.md).
//
// Output is immediate: a byte written to TX is printed at once, so there
// is no transmit buffer and no transmit interrupt. Input raises the
// console interrupt while bytes are waiting; the personality registers
// the handler that drains them with uartgetc() (kernel/mono/console.c).

#include "types.h"
#include "memlayout.h"
#include "defs.h"

void
uartinit(void)
{
  REG(CONSOLE_BASE, CONSOLE_IRQCORE) = 0;   // input interrupts go to core 0
  REG(CONSOLE_BASE, CONSOLE_CTRL) = 1;      // interrupt while input is waiting
}

void
uartputc(int c)
{
  REG(CONSOLE_BASE, CONSOLE_TX) = c & 0xFF;
}

// The next received byte, or -1 if none is waiting.
int
uartgetc(void)
{
  if ((REG(CONSOLE_BASE, CONSOLE_STATUS) & 1) == 0)
    return -1;
  return REG(CONSOLE_BASE, CONSOLE_RX) & 0xFF;
}
