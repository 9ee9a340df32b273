// hello.c: the smallest server — it tells the root task it runs (one
// message on the endpoint capability in its slot 0) and ends.

#include "mk.h"

int
main(int argc, char **argv)
{
  struct msg m;

  m.info = IPC_INFO(1, 0);
  return ipc_send(0, &m);
}
