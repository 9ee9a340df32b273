// xcp.c: XCP, the specialized application (issue 16; docs/exo.md "The
// specialized application"): copy files on minos's file system with its
// own library OS (libos/xcp), the job `cp SRC DST` does on mono.
//
// It runs as the boot bundle's first program, so it is the first env:
//   1. mount: find the file system image after the bundle, bind its
//      blocks to our disk domain, and our cache's pages;
//   2. if the bundle holds Unix (bin/init), start it beside us in an env
//      of its own (boot.c): two library OSes on one kernel;
//   3. copy each pair of JOBS, between the console markers "[xcp start]"
//      and "[xcp end]" that shell/perf/xcp.py measures between, and
//      report what each copy asked of the disk.
// The jobs are fixed (the first env has no arguments): the host puts the
// files in the image (shell/perf/xcp.py).

#include <stdio.h>
#include "xcp.h"

static char *JOBS[][2] = {
  {"/small", "/small.xcp"},
  {"/big", "/big.xcp"},
};

int
main(void)
{
  uint i, reads, writes;
  int r, unix = 0;

  if ((r = xcp_mount()) < 0) {
    printf("xcp: no file system after the boot bundle (%d)\n", r);
    return 1;
  }
  printf("xcp: file system at block %u, %u blocks, %u cache pages\n",
         xcp_fsbase, xcp_sb.size, NCACHE);
  if (xcp_bundlefind("bin/init", 0) == 0) {
    if ((unix = xcp_spawn("bin/init")) < 0) {
      printf("xcp: cannot start Unix beside us (%d)\n", unix);
      return 1;
    }
    printf("xcp: Unix runs beside us in env %d\n", unix);
  }
  for (i = 0; i < sizeof(JOBS) / sizeof(JOBS[0]); i++) {
    reads = xcp_reads;
    writes = xcp_writes;
    printf("[xcp start]\n");
    libos_flush();
    r = xcp_copy(JOBS[i][0], JOBS[i][1]);
    printf("[xcp end]\n");
    libos_flush();
    if (r < 0) {
      printf("xcp: %s -> %s: error %d\n", JOBS[i][0], JOBS[i][1], r);
      return 1;
    }
    printf("xcp: %s -> %s: %d bytes, %u disk reads, %u disk writes\n",
           JOBS[i][0], JOBS[i][1], r, xcp_reads - reads, xcp_writes - writes);
  }
  return 0;
}
