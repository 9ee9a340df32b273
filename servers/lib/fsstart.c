// fsstart.c: starting the disk driver and the file-system server, for
// the root task (servers/root.c) and for a test that plays the root.
//
// The disk driver is a driver like the console's (driver.c): once it
// runs it says ROOT_READY, and the root maps the disk's registers into
// it and binds the disk's interrupt. Then the root gives it its DMA page
// (dmapage) and tells it the page's physical address (DISK_SETUP, on
// the root's own, unbadged, capability: no client can). The fs server
// gets a capability to the driver's endpoint — the only one besides the
// root's — and to the console driver's, and mounts the file system as
// soon as it runs; clients that call it before wait in its endpoint's
// queue.

#include "mk.h"
#include "proto.h"

// disk, fs: the two tasks' capabilities (spawned, not started); rootep:
// the endpoint drivers call ROOT_READY on, badge the disk's badge there;
// diskep, diskirq, fsep: empty slots of ours, for the driver's endpoint,
// its interrupt's notification and the fs server's endpoint (which we
// keep, with every right, to give clients badged copies); consep: the
// console driver's endpoint, or -1 for none. Returns 0 or -error.
int
fs_start(int control, int rootep, int disk, unsigned int badge, int fs, int diskep, int diskirq,
         int fsep, int consep)
{
  struct msg m;
  int pa;
  int r;

  if ((r = ep_create(diskep)) < 0 || (r = ntfn_create(diskirq)) < 0 || (r = ep_create(fsep)) < 0)
    return r;
  if ((r = cap_mint(diskep, disk, DISK_EP, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(diskirq, disk, DISK_IRQ, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(rootep, disk, DRV_ROOT, badge, RIGHT_SEND)) < 0)
    return r;
  if ((r = driver_start(control, rootep, disk, badge, DEV_DISK, DISK_REGS_VA, T_DISK, diskirq)) < 0)
    return r;
  if ((pa = dma_page(control, disk, DISK_DMA_VA)) < 0)
    return pa;
  m.info = IPC_INFO(DISK_SETUP, 0);
  m.w[0] = pa;
  m.buf = 0;
  m.size = 0;
  if ((r = ipc_call(diskep, &m)) < 0)
    return r;
  if ((int)m.w[0] <= 0)
    return -EIO;                // the disk has no blocks

  if ((r = cap_mint(fsep, fs, FS_EP, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(diskep, fs, FS_DISK, 1, RIGHT_SEND)) < 0)
    return r;
  if (consep >= 0 && (r = cap_mint(consep, fs, FS_CONS, 0, RIGHT_SEND)) < 0)
    return r;
  return task_start(fs);
}
