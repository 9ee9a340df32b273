// deadstart.c: a driver that dies at start, for tests/micro/
// test_micro_rsstart.py. The test puts it in the boot bundle in place
// of a real driver, under that driver's name (argv[0]); the
// reincarnation server (servers/rs/rs.c) builds and starts it as the
// driver, and it dies before it serves anything: in place of the disk
// driver it faults (a read of address 0: a server has no pager, so the
// kernel ends it), in place of any other it exits at once. rs must see
// that as any other death — restart it, give it up after MAXRESTARTS,
// and say so — and the driver's clients must get an error, not wait.

#include <string.h>
#include "mk.h"

int
main(int argc, char **argv)
{
  if (strcmp(argv[0], "disk") == 0)
    return *(volatile int *)0;      // a fault: nothing is mapped at 0
  return 1;
}
