// fsstart.c: starting the disk driver and the file-system server, for
// the reincarnation server (servers/rs/rs.c, which also restarts them)
// and for a test that plays the root.
//
// The disk driver is a driver like the console's (driver.c): its
// starter builds it from its bundle image and sets it up before it runs
// — the disk's registers mapped into it, the disk's interrupt bound to
// its notification, and its DMA page, a page of the starter's, mapped
// at DISK_DMA_VA. The page's physical address is the driver's argument
// (argv[1], in decimal: only the starter knows it; dma_page answers it
// to a holder of the control capability). The fs server gets a
// capability to the driver's endpoint — the only one besides the
// starter's — and to the console driver's, and mounts the file system
// as soon as it runs; clients that call it before wait in its
// endpoint's queue.

#include <stdio.h>
#include "mk.h"
#include "proto.h"

// The disk driver from bundle image `image`, built in our empty slot
// disk and set up, not started: diskep and diskirq are its endpoint and
// its interrupt's notification (ours); its DMA page is our page at
// dmava, whose physical address is dmapa — kept by us, so that a page
// the disk may still be writing (a transfer in flight when an earlier
// driver died) is never freed and reused. Returns 0 or -error.
int
disk_make(int control, int image, int disk, int diskep, int diskirq, unsigned int dmava, int dmapa)
{
  char arg[12];
  int r;

  snprintf(arg, sizeof(arg), "%u", dmapa);
  if ((r = task_spawn(control, image, arg, disk)) < 0 ||
      (r = cap_mint(diskep, disk, DISK_EP, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(diskirq, disk, DISK_IRQ, 0, RIGHT_RECV)) < 0 ||
      (r = driver_setup(control, disk, DEV_DISK, DISK_REGS_VA, T_DISK, diskirq, 0)) < 0)
    return r;
  return page_map(disk, dmava, DISK_DMA_VA, MAP_W);
}

// Give the fs server task in slot fs (spawned, not started) its
// capabilities: its endpoint fsep (to receive on), the disk driver's
// diskep (badged 1), the console driver's consep (-1: none). Returns 0
// or -error.
int
fsserver_setup(int fs, int fsep, int diskep, int consep)
{
  int r;

  if ((r = cap_mint(fsep, fs, FS_EP, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(diskep, fs, FS_DISK, 1, RIGHT_SEND)) < 0)
    return r;
  if (consep >= 0 && (r = cap_mint(consep, fs, FS_CONS, 0, RIGHT_SEND)) < 0)
    return r;
  return 0;
}

// Both, from the bundle's images "disk" and "fs", with their objects,
// started: disk, fs: our empty slots for the two tasks; diskep, diskirq,
// fsep: empty slots of ours, for the driver's endpoint, its interrupt's
// notification and the fs server's endpoint (which we keep, with every
// right, to give clients badged copies); dmava: a free address of ours
// for the DMA page; consep: the console driver's endpoint, or -1 for
// none. Returns 0 or -error.
int
fs_start(int control, int disk, int fs, int diskep, int diskirq, int fsep, unsigned int dmava, int consep)
{
  int r, dmapa;

  if ((r = ep_create(diskep)) < 0 || (r = ntfn_create(diskirq)) < 0 || (r = ep_create(fsep)) < 0)
    return r;
  if ((dmapa = dma_page(control, -1, dmava)) < 0)
    return dmapa;
  if ((r = disk_make(control, bundle_find("disk", 0), disk, diskep, diskirq, dmava, dmapa)) < 0 ||
      (r = task_start(disk)) < 0 || (r = task_spawn(control, bundle_find("fs", 0), 0, fs)) < 0 ||
      (r = fsserver_setup(fs, fsep, diskep, consep)) < 0)
    return r;
  return task_start(fs);
}
