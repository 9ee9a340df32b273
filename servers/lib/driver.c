// driver.c: setting up a device driver before it runs, for the
// reincarnation server (servers/rs/rs.c) and for a test that plays the
// root. The loader (load.c: task_spawn) builds a driver's task and
// leaves it stopped until its starter starts it; so the starter gives
// it everything first — maps the device's registers into it, binds the
// device's interrupt to the driver's notification, maps the page it
// keeps for the driver (if any) at DRV_KEEPVA — and only then starts
// it. The driver never waits for its starter, nor its starter for it:
// a driver that dies at once is a death like any other (rs restarts
// it, or gives it up). What the driver must know of its set-up it
// learns from its arguments (proto.h: DRV_KEEPARG; the disk's DMA
// page, fsstart.c).

#include "mk.h"
#include "proto.h"

// Set up the driver task in slot `task` (spawned, not started;
// control: our control capability): device dev's registers mapped at
// va, interrupt `cause` bound to our notification irq, and our page at
// keep (0: none) mapped writable at DRV_KEEPVA. Returns 0 or -error.
int
driver_setup(int control, int task, int dev, unsigned int va, int cause, int irq, unsigned int keep)
{
  int r;

  if ((r = map_device(control, task, dev, va)) < 0 || (r = irq_bind(control, cause, irq)) < 0)
    return r;
  if (keep && (r = page_map(task, keep, DRV_KEEPVA, MAP_W)) < 0)
    return r;
  return 0;
}
