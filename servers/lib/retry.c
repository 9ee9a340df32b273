// retry.c: calling a service that may be restarted under us (the
// reincarnation server, servers/rs/rs.c). When a server dies with our
// call in flight, the kernel fails the call with -EPIPE; its endpoint
// lives on, and the server's next instance serves it. So a client whose
// request is idempotent — a disk block read or written, a console line
// asked for — sends the same message again and waits in the endpoint's
// queue for the new instance (which rs set up before it runs: it serves
// the call as soon as it receives). At most CALL_RETRIES times (mk.h):
// a request that kills every instance of its server fails in the end
// instead of looping. A service rs gave up on — it kept dying, or could
// not be started at all — has its endpoint revoked: the call fails
// (-EIDRM), never hangs.

#include "mk.h"

int
ipc_callretry(int cap, struct msg *m)
{
  struct msg saved = *m;
  int r, tries;

  for (tries = 0;; tries++) {
    r = ipc_call(cap, m);
    if (tries == CALL_RETRIES || r != -EPIPE)
      return r;
    *m = saved;
  }
}
