// disk.c: the disk driver of the microkernel — a user-mode server.
//
// The disk's registers are mapped into this task only (its starter's
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
// Capabilities (its starter gives them, proto.h): DISK_EP the endpoint
// it serves, DISK_IRQ the notification the disk's interrupt signals.
// Its starter (servers/lib/fsstart.c: disk_make) sets it up before it
// runs — the registers mapped, the interrupt bound, the DMA page mapped
// — and gives it the page's physical address as its argument. Its
// starter is the reincarnation server, which restarts it when it dies:
// a request in flight then fails with -EPIPE and the fs server sends it
// again (servers/lib/retry.c) — a block read or write can be repeated.
// Invariant: between requests the disk is idle and its STATUS is 0.

#include <stdio.h>
#include "mk.h"
#include "proto.h"

#define BSIZE DISK_BLOCK_SIZE

static unsigned int dmapa;     // the DMA page's physical address (our argument)
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

// Before the first request. An earlier instance of this driver may
// have died with a transfer in flight (the reincarnation server
// restarts it, servers/rs/rs.c): let the transfer end — it lands in the
// same DMA page, which our starter kept — then forget its status and
// its interrupt, so that neither is taken for the end of one of ours.
static void
setup(void)
{
  unsigned int bits;

  while (REG(DISK_REGS_VA, DISK_STATUS) == DISK_BUSY)
    ntfn_wait(DISK_IRQ, &bits);
  nblocks = REG(DISK_REGS_VA, DISK_NBLOCKS);
  REG(DISK_REGS_VA, DISK_STATUS) = 0;      // forget anything left from before
  REG(DISK_REGS_VA, DISK_IRQCORE) = 0;
  ntfn_poll(DISK_IRQ, &bits);
  irq_ack(DISK_IRQ, T_DISK);
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
  if (label == DISK_READ_BLOCK || label == DISK_WRITE_BLOCK) {
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

// Our argument: the DMA page's physical address, in decimal; 0 if
// there is none.
static unsigned int
argaddress(int argc, char **argv)
{
  unsigned int pa = 0;
  char *s;

  if (argc < 2)
    return 0;
  for (s = argv[1]; *s >= '0' && *s <= '9'; s++)
    pa = pa * 10 + (*s - '0');
  return *s == 0 ? pa : 0;
}

int
main(int argc, char **argv)
{
  if ((dmapa = argaddress(argc, argv)) == 0) {
    printf("disk: no DMA page (its address is the argument)\n");
    return 1;
  }
  setup();
  // A write's block lands in the DMA page, and a read's leaves from it.
  serve(DISK_EP, (char *)DISK_DMA_VA, BSIZE, handle);
  return 0;
}
