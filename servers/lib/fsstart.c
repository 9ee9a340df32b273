// fsstart.c: starting the disk driver and the file-system server, for
// the reincarnation server (servers/rs/rs.c, which also restarts them)
// and for a test that plays the root.
//
// The disk driver is a driver like the console's (driver.c): once it
// runs it says ROOT_READY, and its starter maps the disk's registers
// into it and binds the disk's interrupt. Then the starter gives it its
// DMA page and tells it the page's physical address (DISK_SETUP, on the
// starter's own, unbadged, capability: no client can). The fs server
// gets a capability to the driver's endpoint — the only one besides the
// starter's — and to the console driver's, and mounts the file system
// as soon as it runs; clients that call it before wait in its
// endpoint's queue.

#include "mk.h"
#include "proto.h"

// Start the disk driver task in slot disk (spawned, not started):
// rootep is the endpoint it says ROOT_READY on, badge its badge there;
// diskep and diskirq its endpoint and its interrupt's notification
// (ours). Its DMA page: if dmava is 0, a fresh one (dmapage); else our
// own page at dmava, whose physical address is dmapa, is mapped into it
// — so a page the disk may still be writing (a transfer in flight when
// an earlier driver died) is never freed and reused. Returns 0 or -error.
int
disk_start(int control, int rootep, int disk, unsigned int badge, int diskep, int diskirq,
           unsigned int dmava, int dmapa)
{
  struct msg m;
  int r;

  if ((r = cap_mint(diskep, disk, DISK_EP, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(diskirq, disk, DISK_IRQ, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(rootep, disk, DRV_ROOT, badge, RIGHT_SEND)) < 0)
    return r;
  if ((r = driver_start(control, rootep, disk, badge, DEV_DISK, DISK_REGS_VA, T_DISK, diskirq, 0)) < 0)
    return r;
  if (dmava == 0)
    dmapa = dma_page(control, disk, DISK_DMA_VA);
  else if ((r = page_map(disk, dmava, DISK_DMA_VA, MAP_W)) < 0)
    return r;
  if (dmapa < 0)
    return dmapa;
  m.info = IPC_INFO(DISK_SETUP, 0);
  m.w[0] = dmapa;
  m.buf = 0;
  m.size = 0;
  if ((r = ipc_call(diskep, &m)) < 0)
    return r;
  return (int)m.w[0] <= 0 ? -EIO : 0;     // the disk has no blocks
}

// Give the fs server task in slot fs its capabilities — its endpoint
// fsep (to receive on), the disk driver's diskep (badged 1), the console
// driver's consep (-1: none) — and start it. Returns 0 or -error.
int
fsserver_start(int fs, int fsep, int diskep, int consep)
{
  int r;

  if ((r = cap_mint(fsep, fs, FS_EP, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(diskep, fs, FS_DISK, 1, RIGHT_SEND)) < 0)
    return r;
  if (consep >= 0 && (r = cap_mint(consep, fs, FS_CONS, 0, RIGHT_SEND)) < 0)
    return r;
  return task_start(fs);
}

// Both, making their objects: disk, fs: the two tasks' capabilities
// (spawned, not started); rootep: the endpoint drivers call ROOT_READY
// on, badge the disk's badge there; diskep, diskirq, fsep: empty slots
// of ours, for the driver's endpoint, its interrupt's notification and
// the fs server's endpoint (which we keep, with every right, to give
// clients badged copies); consep: the console driver's endpoint, or -1
// for none. Returns 0 or -error.
int
fs_start(int control, int rootep, int disk, unsigned int badge, int fs, int diskep, int diskirq,
         int fsep, int consep)
{
  int r;

  if ((r = ep_create(diskep)) < 0 || (r = ntfn_create(diskirq)) < 0 || (r = ep_create(fsep)) < 0)
    return r;
  if ((r = disk_start(control, rootep, disk, badge, diskep, diskirq, 0, 0)) < 0)
    return r;
  return fsserver_start(fs, fsep, diskep, consep);
}
