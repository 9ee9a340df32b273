// park.h: requests that must wait (servers/fs/pipe.c, console.c).
//
// A read of an empty pipe, a write to a full one and a console read
// cannot be answered now, and the server must not wait for them: it
// keeps the caller's reply in a capability slot (reply_save) and goes
// on serving others; when the pipe or the console has what the request
// needs, the server answers it through that slot (ipc_replyto). Entry i
// of park[] uses slot FS_PARK + i. park[] is the server's: a worker
// touches it holding the server lock (worker.c).

#ifndef MINOS_PARK_H
#define MINOS_PARK_H

#include "ipc.h"
#include "fsserver.h"

#define NPARK    (FS_WAKE - FS_PARK)

#define PARK_READ    1    // a pipe read
#define PARK_WRITE   2    // a pipe write; its bytes wait in data
#define PARK_CONS    3    // a console read (console.c's thread answers it)

struct park {
  int kind;               // PARK_*, 0: a free entry
  uint seq;               // arrival order: older requests are served first
  uint pid;               // whose request (FS_PROCEXIT forgets them)
  struct pipe *pipe;      // PARK_READ, PARK_WRITE
  int n;                  // the bytes asked for (read) or to write
  int done;               // PARK_WRITE: bytes of data already in the pipe
  int base;               // PARK_WRITE: bytes of the request written before it parked
  char data[IPC_MAXLONG]; // PARK_WRITE: the bytes
};

extern struct park park[NPARK];

struct park *parkcaller(int kind);          // keep the caller's reply; 0 if no slot is free
void        unpark(struct park *p, struct msg *reply);   // answer it, free the entry
void        unparkpid(uint pid);                         // forget a process's requests
int         nparked(void);

// pipe.c
int  pipealloc(struct file **f0, struct file **f1);
void pipeclose(struct pipe *pi, int writable);
int  piperead(struct file *f, char *buf, int n, struct msg *m);
int  pipewrite(struct file *f, char *buf, int n, struct msg *m);

// console.c
void consinit(void);
int  consread(int n, struct msg *m);
int  conswrite(char *buf, int n);

// The result of a request that was parked: there is no reply to send now.
#define PARKED   1000000

#endif // MINOS_PARK_H
