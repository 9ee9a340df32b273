// disktest.c: exo's secure bindings for disk blocks (kernel/exo/disk.c),
// from a bare program. The disk is the boot bundle (public blocks) and
// SPARE free blocks after it (shell/build.py exo_bundle's spare). Each
// check prints "ok NAME ... VALUE" or "FAIL NAME ... VALUE";
// tests/exo/test_exo_unix.py reads them.

#include <stdio.h>
#include <string.h>
#include "libos.h"

#define BUF  0x50000000          // two pages: what we write, what we read back
#define RO   0x50002000          // a page mapped read-only

static int fails;

static void
check(int ok, char *name, char *detail, int value)
{
  printf("%s %s %s %d\n", ok ? "ok" : "FAIL", name, detail, value);
  if (!ok)
    fails++;
}

// The first spare block: the first one nobody holds.
static int
firstfree(void)
{
  int b;

  for (b = 0; exo_disk_info(b) != -22; b++)      // -EINVAL: past the disk
    if (exo_disk_info(b) == EXO_BLOCK_FREE)
      return b;
  return -1;
}

int
main(void)
{
  char *w = (char *)BUF, *r = (char *)(BUF + 4096);
  int b, n, child, i, ppn;

  libos_alloc_map(BUF, PTE_W);
  libos_alloc_map(BUF + 4096, PTE_W);
  ppn = libos_alloc_map(RO, PTE_W);
  exo_page_map(0, RO, ppn, 0);

  check(exo_disk_info(0) == EXO_BLOCK_PUBLIC, "bundle_public", "block 0 is", exo_disk_info(0));
  n = exo_disk_read(0, r);
  check(n == 0 && *(uint *)r == EXOB_MAGIC, "read_public", "read block 0:", n);
  n = exo_disk_write(0, w);
  check(n == -13, "write_public_refused", "write block 0:", n);

  b = firstfree();
  check(b > 0, "spare", "first free block", b);
  n = exo_disk_bind(b, 2);
  check(n == 0 && exo_disk_info(b) == exo_getenvid(), "bind", "bind 2 blocks:", n);
  n = exo_disk_bind(b + 1, 1);
  check(n == 0, "bind_again", "bind a block of our own domain again:", n);
  for (i = 0; i < 4096; i++)
    w[i] = i * 7;
  n = exo_disk_write(b, w);
  check(n == 0, "write_own", "write our block:", n);
  n = exo_disk_read(b, r);
  check(n == 0 && memcmp(w, r, 4096) == 0, "read_own", "read it back:", n);
  n = exo_disk_read(b, (void *)RO);
  check(n == -14, "read_into_readonly", "DMA into a read-only page:", n);
  n = exo_disk_read(b, (void *)0x60000000);
  check(n == -14, "read_into_unmapped", "DMA into an unmapped page:", n);
  n = exo_disk_read(100000, r);
  check(n == -22, "bad_block", "a block past the disk:", n);
  n = exo_disk_read(b, (void *)(BUF + 8));
  check(n == -22, "unaligned_va", "an address inside a page:", n);

  // A child we did not grant our disk domain: the kernel refuses it our
  // blocks, reads and writes alike, and will not bind them to it.
  child = libos_dumbfork();
  if (child == 0) {
    n = exo_disk_read(b, r);
    check(n == -13, "other_read_refused", "another domain reads our block:", n);
    n = exo_disk_write(b, w);
    check(n == -13, "other_write_refused", "another domain writes our block:", n);
    n = exo_disk_bind(b, 1);
    check(n == -16, "other_bind_refused", "another domain binds our block:", n);
    n = exo_disk_read(0, r);
    check(n == 0, "other_read_public", "it still reads the bundle:", n);
    n = exo_disk_grant(exo_getenvid());
    check(n == -3, "grant_self", "an env grants itself a domain:", n);
    libos_exit(fails);
  }
  check(child > 0, "fork", "child", child);
  for (i = 0; i < 200 && exoinfo->envs[(child - 1) % EXO_NENV].id == child
              && exoinfo->envs[(child - 1) % EXO_NENV].status != ENV_DEAD; i++)
    exo_yield();
  printf("disktest: %s\n", fails ? "FAILED" : "PASSED");
  return fails;
}
