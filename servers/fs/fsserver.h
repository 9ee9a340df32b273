// fsserver.h: what the fs server's files share (servers/fs/).

#ifndef MINOS_FSSERVER_H
#define MINOS_FSSERVER_H

#include "monoparam.h"
#include "ipc.h"

// A client process as the server knows it: what mono keeps in struct
// proc for the file system. Keyed by the badge of its capability (its
// pid, given by pm; the root task's own capability has badge 0).
struct fsproc {
  int used;
  uint pid;
  int busy;                     // workers serving a request of it now
  int exited;                   // pm said it ended while busy: freed when busy drops to 0
  struct file *ofile[NOFILE];   // its descriptors
  struct inode *cwd;            // its current directory
};

// worker.c: the server's threads. NWORKER of them receive requests;
// one more entry is console.c's reader, which only takes the lock.
#define NWORKER  4

struct worker {
  int tid;                      // 1, 2, ...: the holder a sleep-lock records
  int wake;                     // slot of its notification: the server lock is ours
  void *chan;                   // what it sleeps on (sleep), 0 if not asleep
  struct worker *next;          // in the queue for the server lock
  struct fsproc *caller;        // the client whose request it serves
  char *io;                     // that request's long part, and its reply's (IPC_MAXLONG bytes)
};

// Capability slots of the fs server past proto.h's: FS_PARK up to
// FS_WAKE hold saved replies (park.h), then one notification per worker.
#define FS_WAKE  (NCAP - NWORKER - 1)

extern struct worker workers[NWORKER + 1];
extern struct worker *running;  // the worker holding the server lock (worker.c)
extern int diskcalls;           // port.c: requests sent to the disk driver
extern int diskwaits;           // port.c: workers waiting on the disk driver now

int             workersinit(void);
void            workersrun(int (*handle)(struct msg *m));
struct worker * self(void);
void            serverlock(struct worker *w);
void            serverunlock(void);
int             ntfn_badged(int slot, int tmp);

#endif // MINOS_FSSERVER_H
