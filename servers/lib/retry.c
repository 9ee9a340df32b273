// retry.c: calling a service that may be restarted under us (the
// reincarnation server, servers/rs/rs.c). When a server dies with our
// call in flight, the kernel fails the call with -EPIPE; its endpoint
// lives on, and the server's next instance serves it. So a client whose
// request is idempotent — a disk block read or written, a console line
// asked for — sends the same message again and waits in the endpoint's
// queue for the new instance. A new driver answers -EAGAIN until its
// starter has set it up (the disk's DISK_SETUP): that is retried too.
// At most CALL_RETRIES times (mk.h): a request that kills every instance
// of its server fails in the end instead of looping. A service rs gave
// up on has its endpoint revoked: the call fails (-EIDRM), never hangs.

#include "mk.h"

int
ipc_callretry(int cap, struct msg *m)
{
  struct msg saved = *m;
  int r, tries;

  for (tries = 0;; tries++) {
    r = ipc_call(cap, m);
    if (tries == CALL_RETRIES || !(r == -EPIPE || (r == 0 && (int)m->w[0] == -EAGAIN)))
      return r;
    *m = saved;
  }
}
