// disk.c: the disk driver of the microkernel — a user-mode server.
//
// The disk's registers are mapped into this task only (the root task's
// mapdev, at DISK_REGS_VA), and so is the page the disk transfers to and
// from (dmapage, at DISK_DMA_VA). Its completion interrupt arrives as a
// bit of a notification. Requests (proto.h, DISK section) come one at a
// time on the endpoint; a write's block is received straight into the
// DMA page, and a read's block is replied from it: no other copy.
//
// The loop: receive a request; start the transfer; wait for the
// interrupt's notification; acknowledge the disk (STATUS) and the
// interrupt (irqack); reply, and receive the next (replyrecv). The disk
// does one request at a time, so the driver needs no queue: a second
// client waits in the endpoint's queue meanwhile (the kernel's).
//
// Capabilities (the root task gives them, proto.h): DISK_EP the
// endpoint it serves, DISK_IRQ the notification the disk's interrupt
// signals, DRV_ROOT the root task's endpoint (ROOT_READY at start: the
// root maps the registers and binds the interrupt then).
// Invariant: between requests the disk is idle and its STATUS is 0.

#include <stdio.h>
#include "mk.h"
#include "proto.h"

#define BSIZE DISK_BLOCK_SIZE

static unsigned int dmapa;     // the DMA page's physical address (DISK_SETUP)
static unsigned int nblocks;   // the disk's size
static int requests;           // transfers done (the figures in docs/micro.md)

// Transfer one block between the disk and the DMA page (cmd DISK_READ
// or DISK_WRITE, hw.h); 0 or -EIO.
static int
transfer(unsigned int block, int cmd)
{
  unsigned int bits, status;

  REG(DISK_REGS_VA, DISK_BLOCK) = block;
  REG(DISK_REGS_VA, DISK_ADDR) = dmapa;
  REG(DISK_REGS_VA, DISK_CMD) = cmd;
  do {
    ntfn_wait(DISK_IRQ, &bits);
    status = REG(DISK_REGS_VA, DISK_STATUS);
  } while (status == DISK_BUSY);
  REG(DISK_REGS_VA, DISK_STATUS) = 0;   // acknowledge: the interrupt line drops
  irq_ack(DISK_IRQ, T_DISK);
  requests++;
  return status == DISK_DONE ? 0 : -EIO;
}

// Serve the request in m; leave the reply in m (serve.c's handle).
static int
handle(struct msg *m)
{
  int label = IPC_LABEL(m->info);
  int len = IPC_LEN(m->info);
  unsigned int block = m->w[0];
  int r;

  m->info = IPC_INFO(REPLY_OK, 0);
  if (label == DISK_SETUP) {
    if (m->badge != 0 || dmapa != 0) {
      m->w[0] = -EPERM;
      return 1;
    }
    dmapa = block;
    nblocks = REG(DISK_REGS_VA, DISK_NBLOCKS);
    REG(DISK_REGS_VA, DISK_STATUS) = 0;      // forget anything left from before
    REG(DISK_REGS_VA, DISK_IRQCORE) = 0;
    m->w[0] = nblocks;
  } else if (dmapa == 0) {
    m->w[0] = -EIO;                          // not set up yet
  } else if (label == DISK_READ_BLOCK || label == DISK_WRITE_BLOCK) {
    if (block >= nblocks || (label == DISK_WRITE_BLOCK && len != BSIZE)) {
      m->w[0] = -EINVAL;
    } else {
      r = transfer(block, label == DISK_READ_BLOCK ? DISK_READ : DISK_WRITE);
      m->w[0] = r;
      if (r == 0 && label == DISK_READ_BLOCK)
        m->info = IPC_INFO(REPLY_OK, BSIZE);  // the block, from the DMA page
    }
  } else if (label == DISK_STATS) {
    m->w[0] = requests;
  } else {
    m->w[0] = -ENOSYS;
  }
  return 1;
}

int
main(int argc, char **argv)
{
  struct msg m;
  int room;

  m.info = IPC_INFO(ROOT_READY, 0);
  m.size = 0;
  if (ipc_call(DRV_ROOT, &m) < 0 || m.w[0] != 0) {
    printf("disk: no device\n");
    return 1;
  }
  irq_ack(DISK_IRQ, T_DISK);
  // The root task gives us the DMA page (dmapage) once we run, then
  // tells us its physical address: before that, nothing else is served.
  do {
    m.buf = 0;
    m.size = 0;
  } while (ipc_recv(DISK_EP, &m) < 0 || IPC_LABEL(m.info) != DISK_SETUP || m.badge != 0);
  handle(&m);
  ipc_reply(0, &m);
  // A write's block lands in the DMA page, and a read's leaves from it.
  room = BSIZE;
  serve(DISK_EP, (char *)DISK_DMA_VA, &room, handle);
  return 0;
}
