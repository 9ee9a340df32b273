// xcp.c: XCP, the specialized application (issue 16; docs/exo.md "The
// specialized application"): copy files on minos's file system with its
// own library OS (libos/xcp), the job `cp SRC DST` does on mono.
//
// It runs as the boot bundle's first program, so it is the first env:
//   1. mount: find our file system image (after the bundle, or in the
//      partition the bundle names: libos/xcp/fs.c), bind its blocks to
//      our disk domain, and our cache's pages;
//   2. if the bundle holds Unix (bin/init), start it beside us in an env
//      of its own (boot.c): two library OSes on one kernel. Once Unix
//      has bound pages and disk blocks of its own, check that the kernel
//      keeps us out of them ("ok unixpage ... -13", "ok unixread ...
//      -13": EACCES);
//   3. copy each pair of JOBS, between the console markers "[xcp start]"
//      and "[xcp end]" that shell/perf/xcp.py measures between, and
//      report what each copy asked of the disk;
//   4. beside Unix, stay until it ends (waiting in EXO_recv).
// The jobs are fixed (the first env has no arguments): the host puts the
// files in the image (shell/perf/xcp.py).

#include <stdio.h>
#include "errnum.h"
#include "xcp.h"

// Unix's first pages: wait (yielding) until an env of it owns one; try to
// map it, read-only and read-write. Both must fail: it is not ours, and
// Unix shared it with no one outside. 1 if either did not.
static int
guard(int unix)
{
  uint ppn, n = exoinfo->npages, tries;
  int r, w;

  for (tries = 0; tries < 10000; tries++) {
    for (ppn = 0; ppn < n; ppn++)
      if (exoowner[ppn] == (unix - 1) % EXO_NENV + 1)
        break;
    if (ppn < n)
      break;
    exo_yield();
  }
  if (ppn == n) {
    printf("FAIL unixpage Unix never bound a page 0\n");
    return 1;
  }
  r = exo_page_map(0, LIBOS_SCRATCH, ppn, 0);
  w = exo_page_map(0, LIBOS_SCRATCH, ppn, PTE_W);
  printf("%s unixpage mapping a page of Unix's, read-only: %d\n", r == -EACCES ? "ok" : "FAIL", r);
  printf("%s unixpagew mapping it writable: %d\n", w == -EACCES ? "ok" : "FAIL", w);
  return r != -EACCES || w != -EACCES;
}

// A block of the Unix's file system (in its disk domain, named after its
// first env: exposed by EXO_disk_info), once Unix has bound it: reading
// and writing it must both fail (the page is ours: the block is not).
// 1 if either did not.
static int
guardblocks(int unix)
{
  struct xbuf *page = xcp_bget(0);     // a page of ours (the public bundle's first block)
  uint block = 0, tries;
  int d, r, w;

  for (tries = 0; tries < 10000 && block == 0; tries++) {
    for (block = 1; (d = exo_disk_info(block)) != -EINVAL && d != unix; block++)
      ;
    if (d != unix) {
      block = 0;
      exo_yield();
    }
  }
  if (block == 0 || page == 0) {
    printf("FAIL unixblock Unix never bound a block 0\n");
    return 1;
  }
  r = exo_disk_read(block, page->data);
  w = exo_disk_write(block, page->data);
  printf("%s unixread reading block %u of Unix's file system: %d\n", r == -EACCES ? "ok" : "FAIL",
         block, r);
  printf("%s unixwrite writing it: %d\n", w == -EACCES ? "ok" : "FAIL", w);
  return r != -EACCES || w != -EACCES;
}

// Environments alive besides us (the exposed env table: no system call).
static int
others(void)
{
  int i, n = 0;

  for (i = 0; i < EXO_NENV; i++)
    if (exoinfo->envs[i].id && exoinfo->envs[i].id != libos_getenvid()
        && exoinfo->envs[i].status != ENV_DEAD)
      n++;
  return n;
}

static char *JOBS[][2] = {
  {"/small", "/small.xcp"},
  {"/big", "/big.xcp"},
};

int
main(void)
{
  uint i, reads, writes;
  int r, alive, fails = 0, unix = 0;

  if ((r = xcp_mount()) < 0) {
    printf("xcp: no file system of ours on the disk (%d)\n", r);
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
    fails = guard(unix) + guardblocks(unix);
  }
  for (i = 0; i < sizeof(JOBS) / sizeof(JOBS[0]); i++) {
    reads = xcp_reads;
    writes = xcp_writes;
    printf("[xcp start]\n");
    libos_flush();
    r = xcp_copy(JOBS[i][0], JOBS[i][1]);
    printf("[xcp end]\n");
    libos_flush();
    alive = others();
    if (r < 0) {
      printf("xcp: %s -> %s: error %d\n", JOBS[i][0], JOBS[i][1], r);
      return 1;
    }
    printf("xcp: %s -> %s: %d bytes, %u disk reads, %u disk writes\n",
           JOBS[i][0], JOBS[i][1], r, xcp_reads - reads, xcp_writes - writes);
    if (unix > 0)
      printf("xcp: %d other envs alive after the copy\n", alive);
  }
  if (unix > 0) {
    // Stay, as a file server would, holding our pages and blocks while
    // Unix runs (tests/exo/programs/xcpprobe.c tries them): waiting for a
    // pct that never comes. A waiting env does not keep the machine on:
    // it powers off when Unix ends.
    printf("xcp: done, waiting beside Unix\n");
    libos_flush();
    exo_recv(0);
  }
  return fails != 0;
}
