// serve.c: the loop every server runs. It receives on its endpoint,
// lets handle() do the request, and answers and takes the next request
// in one system call (replyrecv: the microkernel's server fast path).
// handle() returns 1 when m holds the reply to send, 0 when there is
// none to send now (the request kept its reply for later with
// reply_save, or the caller is gone, or m was a notification). The
// long part of a request arrives in buf, which has *room bytes for it
// at each receive (the server may change *room: a receive with no room
// is the kernel's fast path, and a long request sent then fails with
// -E2BIG for its sender, nothing delivered); a reply's long part (its
// length in m->info) is sent from buf too: replyrecv sends from and
// receives into one buffer.
//
// A server takes no capability from a message: w[3] = -1 when it
// receives (ipc.h, IPC_GIVECAP), so a client cannot fill its slots.

#include "mk.h"

void
serve(int ep, char *buf, int *room, int (*handle)(struct msg *m))
{
  struct msg m;

  for (;;) {
    m.buf = (unsigned int)buf;
    m.size = *room;
    m.w[3] = -1;
    if (ipc_recv(ep, &m) < 0)
      continue;
    while (handle(&m)) {
      m.buf = (unsigned int)buf;
      m.size = *room;
      m.w[3] = -1;                  // (replies carry no capability either)
      if (ipc_replyrecv(ep, &m) < 0)
        break;
    }
  }
}
