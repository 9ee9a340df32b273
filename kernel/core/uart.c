// uart.c: the console's device registers (docs/devices.md).
//
// Output is immediate: a byte written to TX is printed at once, so there
// is no transmit buffer and no transmit interrupt. Input arrives in the
// UART's receive FIFO and raises the console interrupt while bytes are
// waiting there; uartintr() moves them into the console line discipline
// (kernel/mono/console.c, consoleintr) as long as it has room.
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
  REG(UART, UART_IRQCORE) = 0;   // input interrupts go to core 0
  REG(UART, UART_CTRL) = 1;      // interrupt while input is waiting
}

void
uartputc(int c)
{
  REG(UART, UART_TX) = c & 0xFF;
}

// The next received byte, or -1 if none is waiting.
int
uartgetc(void)
{
  if ((REG(UART, UART_STATUS) & 1) == 0)
    return -1;
  return REG(UART, UART_RX) & 0xFF;
}

// Switch the receive interrupt on (1) or off (0).
void
uartrxintr(int on)
{
  REG(UART, UART_CTRL) = on ? 1 : 0;
}

// The console interrupt: hand waiting bytes to the line discipline while
// it has room for them. The interrupt is level-triggered, so it stops
// once RX is empty, or once consoleroom() has switched it off.
void
uartintr(void)
{
  int c;

  while (consoleroom() && (c = uartgetc()) >= 0)
    consoleintr(c);
}
