/* rand.c: the pseudo-random generator given as an example in the C
 * standard, so a seed gives the same sequence as on other systems using it. */
#include <stdlib.h>

static unsigned int next = 1;

int rand(void)
{
    next = next * 1103515245u + 12345u;
    return (int)((next / 65536u) % 32768u);
}

void srand(unsigned int seed)
{
    next = seed;
}
