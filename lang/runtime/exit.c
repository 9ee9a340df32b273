/* exit.c: ending the program on the bare machine. Machine-specific. */
#include <stdlib.h>
#include <hw.h>

/* Console output is unbuffered, so there is nothing to flush: writing the
 * status to the power device stops the machine at once, and `minos machine`
 * exits with status & 255. */
void exit(int status)
{
    for (;;)
        REG(POWER_BASE, POWER_OFF) = (unsigned int)status;
}
