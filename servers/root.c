// root.c: the root task — the first user program of the microkernel.
//
// The kernel starts image 0 of the boot bundle with the control
// capability in slot 0 (kernel/micro/task.c). The root task starts the
// system's servers from the bundle, each with exactly the capabilities
// its slots need (servers/include/proto.h lists them), in an order that
// lets each find what it depends on:
//
//   console   the console driver: its endpoint, the console's registers
//             (mapped only into it, once it runs and says so: ROOT_READY
//             in proto.h) and interrupt (a notification), and pm's
//             notification to signal ^C;
//   disk, fs  the disk driver (registers, a DMA page and the disk's
//             interrupt, as the console's) and the file-system server,
//             which alone may call the driver: servers/lib/fsstart.c;
//   pm        the process manager: a copy of the control capability (to
//             make tasks), its endpoint and notification, and the file
//             system's endpoint; pm then starts init.
//
// The root task then watches its servers: each one's end signals the
// root's notification, and the root says which ended. (The
// reincarnation server of issue 15 will restart them.)

#include <stdio.h>
#include <string.h>
#include "mk.h"
#include "proto.h"

#define CONTROL   0
#define EXITS     1        // notification: a server ended (bit 1 << its image)
#define CONSEP    2        // the console driver's endpoint
#define CONSIRQ   3        // the console interrupt's notification
#define PMEP      4        // pm's endpoint
#define PMNTFN    5        // pm's notification
#define ROOTEP    6        // the root's endpoint: drivers say they are ready
#define DISKEP    7        // the disk driver's endpoint
#define DISKIRQ   8        // the disk interrupt's notification
#define FSEP      9        // the fs server's endpoint
#define CHILD     10       // slot 10 + i: the task capability of image i
#define NIMAGE    (NCAP - CHILD)   // images the root task may start (a bit each in EXITS)

static char names[NIMAGE][16];

// The bundle image called name, made a task in slot CHILD + image (not
// started yet); its image number, or -1.
static int
spawn(char *name)
{
  char found[16];
  int i;

  for (i = 1; i < NIMAGE && bundle_image(i, found) >= 0; i++) {
    if (strcmp(found, name) == 0) {
      if (task_spawn(CONTROL, i, 0, CHILD + i) < 0)
        break;
      strcpy(names[i], name);
      return i;
    }
  }
  printf("root: cannot start %s\n", name);
  return -1;
}

// Let image i run; the root hears when it ends.
static void
start(int i)
{
  task_onexit(CHILD + i, EXITS, 1u << i);
  task_start(CHILD + i);
}

// Start driver image i (its endpoint capability to us in its slot
// DRV_ROOT) and set up its device once it runs (servers/lib/driver.c).
static int
startdriver(int i, int dev, unsigned int va, int cause, int irq)
{
  if (cap_mint(ROOTEP, CHILD + i, DRV_ROOT, i, RIGHT_SEND) < 0)
    return -1;
  task_onexit(CHILD + i, EXITS, 1u << i);
  return driver_start(CONTROL, ROOTEP, CHILD + i, i, dev, va, cause, irq);
}

static void
startconsole(void)
{
  int i = spawn("console");

  if (i < 0)
    return;
  if (cap_mint(CONSEP, CHILD + i, CONS_EP, 0, RIGHT_RECV) < 0 ||
      cap_mint(CONSIRQ, CHILD + i, CONS_IRQ, 0, RIGHT_RECV) < 0 ||
      cap_mint(PMNTFN, CHILD + i, CONS_PMN, PMN_INTR, RIGHT_SEND) < 0 ||
      startdriver(i, DEV_CONSOLE, CONS_DEVVA, T_CONSOLE, CONSIRQ) < 0)
    printf("root: cannot set up the console driver\n");
}

// The disk driver and the fs server (servers/lib/fsstart.c), the fs
// server with the console driver's endpoint for /dev/console. Returns
// 0 with the fs server's endpoint in our slot FSEP, or -1.
static int
startfs(void)
{
  int disk = spawn("disk");
  int fs = spawn("fs");

  if (disk < 0 || fs < 0)
    return -1;
  task_onexit(CHILD + disk, EXITS, 1u << disk);
  task_onexit(CHILD + fs, EXITS, 1u << fs);
  if (fs_start(CONTROL, ROOTEP, CHILD + disk, disk, CHILD + fs, DISKEP, DISKIRQ, FSEP, CONSEP) < 0) {
    printf("root: cannot set up the disk driver and the fs server\n");
    return -1;
  }
  printf("micro: root task: disk driver and fs server started\n");
  return 0;
}

// pm, with the fs server's endpoint in our slot fsep (-1: there is no
// fs server, and pm runs programs from the boot bundle).
static void
startpm(int fsep)
{
  int i = spawn("pm");

  if (i < 0)
    return;
  if (cap_mint(CONTROL, CHILD + i, PM_CONTROL, 0, RIGHTS_ALL) < 0 ||
      cap_mint(PMEP, CHILD + i, PM_EP, 0, RIGHTS_ALL) < 0 ||
      cap_mint(PMNTFN, CHILD + i, PM_NTFN, 0, RIGHTS_ALL) < 0 ||
      (fsep >= 0 && cap_mint(fsep, CHILD + i, PM_FSEP, 0, RIGHTS_ALL) < 0)) {
    printf("root: cannot set up pm\n");
    return;
  }
  start(i);
}

int
main(int argc, char **argv)
{
  unsigned int bits;
  int i;

  if (ntfn_create(EXITS) < 0 || ep_create(CONSEP) < 0 || ntfn_create(CONSIRQ) < 0 ||
      ep_create(PMEP) < 0 || ntfn_create(PMNTFN) < 0 || ep_create(ROOTEP) < 0) {
    printf("root: out of kernel objects\n");
    return 1;
  }
  startconsole();
  startpm(startfs() == 0 ? FSEP : -1);
  printf("micro: root task: console and pm started\n");
  for (;;) {
    if (ntfn_wait(EXITS, &bits) < 0)
      return 1;
    for (i = 1; i < NIMAGE; i++)
      if (bits & (1u << i))
        printf("micro: server %s ended\n", names[i]);
  }
  return 0;
}
