/* console.c: character I/O on the bare machine's console (UART).
 * Machine-specific: the OS libc replaces this file with system calls. */
#include <stdio.h>
#include <hw.h>

/* Output is unbuffered: each character is one write to the TX register. */
int putchar(int c)
{
    REG(CONSOLE_BASE, CONSOLE_TX) = (unsigned char)c;
    return (unsigned char)c;
}

/* One look at the RX register: the next input byte, or EOF when none has
 * arrived yet. It does not wait (interrupts are off on the bare machine, so
 * waiting would have to spin); a program that wants to wait loops itself. */
int getchar(void)
{
    unsigned int c = REG(CONSOLE_BASE, CONSOLE_RX);
    if (c == CONSOLE_RX_NONE)
        return EOF;
    return (int)(c & 0xFF);
}
