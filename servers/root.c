// root.c: the root task — the first user program of the microkernel.
//
// The kernel starts image 0 of the boot bundle with the control
// capability in slot 0 (kernel/micro/task.c). The root task lists the
// bundle and starts every other image in it (each with a capability to
// an endpoint the root task serves, badged with the image's number),
// then answers their messages: so far, a "hello" that each server
// sends once it runs. (The process manager, file system and drivers of
// issue 15's next milestones will be started here.)

#include <stdio.h>
#include "mk.h"

#define CONTROL 0
#define EP      1        // the endpoint the root task serves
#define CHILD   2        // slot 2 + i: the task capability of image i

int
main(int argc, char **argv)
{
  char name[16];
  struct msg m;
  int i, n, started = 0;

  if (ep_create(EP) < 0)
    printf("root: no endpoint\n");
  for (i = 1; bundle_image(i, name) >= 0; i++) {
    if (task_spawn(CONTROL, i, 0, CHILD + i) < 0 ||
        cap_mint(EP, CHILD + i, 0, i, RIGHT_SEND) < 0 || task_start(CHILD + i) < 0) {
      printf("root: cannot start %s\n", name);
      continue;
    }
    started++;
  }
  printf("micro: root task: %d server(s) started from the boot bundle\n", started);
  for (n = 0; n < started; n++) {
    m.size = 0;
    m.buf = 0;
    if (ipc_recv(EP, &m) == 0)
      printf("micro: image %d says hello\n", m.badge);
  }
  printf("micro: no shell yet (issue 15: the servers come next)\n");
  return 0;
}
