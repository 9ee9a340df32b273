// driver.c: starting a device driver, for the root task (and for a
// test that plays the root). The driver, once it runs, calls the root
// (ROOT_READY, proto.h) on an endpoint capability badged with `badge`;
// the root maps the device and binds its interrupt — and maps the page
// it keeps for the driver, if any, at DRV_KEEPVA — then answers: 0, or
// the error, which the driver reports; w1 = 1 if the page is there.
// (The handshake dates from when the kernel loaded a task's image in
// its thread's first moment, so nothing could be mapped into it
// before; the loader, servers/lib/load.c, now builds a driver before it
// starts, and the set-up could come first: docs/micro.md, What remains.)

#include <string.h>
#include "mk.h"
#include "proto.h"

// Start the driver task in slot `task` (control: our control
// capability; ep: the endpoint the driver calls us on), wait for its
// ROOT_READY, map device dev at va into it, bind interrupt `cause` to
// notification irq, and map our page at keep (0: none) into it at
// DRV_KEEPVA. Returns 0 or -error.
int
driver_start(int control, int ep, int task, unsigned int badge, int dev, unsigned int va,
             int cause, int irq, unsigned int keep)
{
  struct msg m;
  int r;

  if ((r = task_start(task)) < 0)
    return r;
  do {
    memset(&m, 0, sizeof(m));
    r = ipc_recv(ep, &m);
  } while (r == 0 && (m.badge != badge || IPC_LABEL(m.info) != ROOT_READY));
  if (r == 0)
    r = map_device(control, task, dev, va);
  if (r == 0)
    r = irq_bind(control, cause, irq);
  if (r == 0 && keep)
    r = page_map(task, keep, DRV_KEEPVA, MAP_W);
  m.info = IPC_INFO(REPLY_OK, 0);
  m.w[0] = r;
  m.w[1] = keep != 0;
  ipc_reply(0, &m);
  return r;
}
