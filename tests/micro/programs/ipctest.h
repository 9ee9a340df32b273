// ipctest.h: what the two images of the IPC tests' bundle share — the
// root task (ipctest.c) and the peers it spawns (ipcpeers.c): where the
// peers' image is, the slots a peer finds its capabilities in, and the
// addresses both sides of a test touch.

#define PEERIMAGE  1             // the peers' bundle image, "peer" (image 0: the root)

// A peer's slots. The root fills them before it starts the peer
// (ipctest.c: spawnpeer, start, and a cap_mint for the others):
#define ROLECAP    0             // every role's own capability: the endpoint it
                                 //   serves or calls, or its notification
#define SECONDCAP  1             // a second one: the root's endpoint (caller), RAN
                                 //   (runner: to signal, poller: to wait on), PREADY
                                 //   (psender), the bound notification (bound)
#define THIRDCAP   2             // a third: GO (poller: to wake the runner)
#define SAVED      1             // deferred, saver: where a reply is kept (reply_save)

#define TOUCHVA    0x52000000u   // the unmap test's pages in the toucher
#define FAULTVA    0x50000000u   // the pager test's missing page, in the faulter

static void
clearmsg(struct msg *m)
{
  memset(m, 0, sizeof(*m));
}
