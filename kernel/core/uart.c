// uart.c: the console's device registers (docs/devices.md).
//
// Output is immediate: a byte written to TX is printed at once, so there
// is no transmit buffer and no transmit interrupt. Input arrives in the
// UART's receive FIFO and raises the console interrupt while bytes are
// waiting there; the personality registers the handler that moves them
// into its line discipline with uartgetc() (kernel/mono/console.c,
// consoleirq) as long as it has room.
//
// Flow control: when the line buffer is full, the console switches the
// receive interrupt off (uartrxintr(0)) and the bytes stay in the FIFO;
// the host sends no more while the FIFO is full. When a read makes room,
// the console switches it back on and the rest arrives. Nothing is lost.

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
  if ((REG(CONSOLE_BASE, CONSOLE_STATUS) & CONSOLE_RX_READY) == 0)
    return -1;
  return REG(CONSOLE_BASE, CONSOLE_RX) & 0xFF;
}

// Switch the receive interrupt on (1) or off (0).
void
uartrxintr(int on)
{
  REG(CONSOLE_BASE, CONSOLE_CTRL) = on ? 1 : 0;
}
