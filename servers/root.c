// root.c: the root task — the first user program of the microkernel,
// and the only image the kernel loads (kernel/micro/task.c).
//
// The kernel starts image 0 of the boot bundle with the control
// capability in slot 0. The root task loads one server itself, the
// reincarnation server (servers/rs/rs.c), from the bundle (the
// user-level loader, servers/lib/load.c: task_spawn), with a copy of
// that capability (RS_CONTROL, proto.h); rs loads and starts the rest —
// the console driver, the disk driver, the file-system server and pm —
// the same way, and restarts a driver or server that dies. The root
// task then waits for rs's end, which would leave the system
// unsupervised, and says so.

#include <stdio.h>
#include "mk.h"
#include "proto.h"

#define CONTROL   0
#define EXITS     1        // notification: rs ended
#define RS        2        // rs's task

int
main(int argc, char **argv)
{
  unsigned int bits;
  int image = bundle_find("rs", 0);

  if (image < 0 || ntfn_create(EXITS) < 0 || task_spawn(CONTROL, image, 0, RS) < 0 ||
      cap_mint(CONTROL, RS, RS_CONTROL, 0, RIGHTS_ALL) < 0 ||
      task_onexit(RS, EXITS, 1) < 0 || task_start(RS) < 0) {
    printf("root: cannot start the reincarnation server\n");
    return 1;
  }
  ntfn_wait(EXITS, &bits);
  printf("micro: root task: the reincarnation server ended\n");
  return 0;
}
