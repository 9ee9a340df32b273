// ipctest.h: what the two images of the IPC tests' bundle share — the
// root task (ipctest.c, ipcmem.c) and the peers it spawns (ipcpeers.c):
// where the peers' image is, the slots a peer finds its capabilities in,
// the addresses both sides of a test touch; and what the root's two files
// share: its slots, how it starts and reaps peers, the memory tests.

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

// The root's slots (ipctest.c says what is where).
#define CONTROL 0
#define EP      1
#define EXITS   2
#define IRQ     3
#define PONG    4
#define ECHO    5
#define ECHOS   6
#define DEFER   7
#define BOUNDEP 8
#define BNTFN   9
#define PEER    10

// The root's: start or just spawn a peer, wait for peers to end (ipctest.c)
void spawnpeer(char *role, int slot, int cap, unsigned int badge, int rights, unsigned int bit);
void start(char *role, int slot, int cap, unsigned int badge, int rights, unsigned int bit);
void reap(unsigned int bits);
// the memory tests (ipcmem.c), and the page they map
extern char page[8192];
void test_unmap(void);
void test_map(void);
void test_long(void);
void test_pager(void);

static void
clearmsg(struct msg *m)
{
  memset(m, 0, sizeof(*m));
}
