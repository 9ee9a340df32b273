// devnull.c: /dev/null (major NULLDEV). Reading it gives end of file at
// once; whatever is written to it is accepted and thrown away.

#include "types.h"
#include "monoparam.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "file.h"
#include "defs.h"
#include "mono.h"

static int
nullread(int user_dst, uint dst, int n)
{
  return 0;
}

static int
nullwrite(int user_src, uint src, int n)
{
  return n;
}

void
devnullinit(void)
{
  devsw[NULLDEV].read = nullread;
  devsw[NULLDEV].write = nullwrite;
}
