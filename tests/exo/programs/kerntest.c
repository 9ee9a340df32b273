// kerntest.c: kernel/exo's fast paths in the software-TLB mode, the
// one-way notification (EXO_notify), a dead domain's disk blocks, and
// a child's name (EXO_env_name).
//
// Each check prints "ok NAME ... VALUE" or "FAIL NAME ... VALUE";
// tests/exo/test_exo_kern.py reads them and measures the paths with the
// machine's hooks. The disk is the bundle and SPARE free blocks after it.

#include <stdio.h>
#include <string.h>
#include "libos.h"
#include "stlb.h"

#define BUF 0x50000000           // a page to move disk blocks through

static int fails;
static volatile int nfault;

static void
check(int ok, char *name, char *detail, int value)
{
  printf("%s %s %s %d\n", ok ? "ok" : "FAIL", name, detail, value);
  if (!ok)
    fails++;
}

static void
skip(struct exoframe *f)
{
  nfault++;
  f->epc += 8;
}

static int
status(int env)
{
  return exoinfo->envs[(env - 1) % EXO_NENV].status;
}

static int
firstfree(void)
{
  int b;

  for (b = 0; exo_disk_info(b) != -22; b++)
    if (exo_disk_info(b) == EXO_BLOCK_FREE)
      return b;
  return -1;
}

// Wait until env has ended (its slot says ENV_DEAD, or was reused).
static void
awaitend(int env)
{
  while (exoinfo->envs[(env - 1) % EXO_NENV].id == env && status(env) != ENV_DEAD)
    exo_yield();
}

int
main(void)
{
  int me, child, r, i, b, from;
  uint words[3];

  me = exo_getenvid();
  libos_set_handler(T_BREAKPOINT, skip);

  // ---- the software-TLB mode's fast paths ----
  r = stlb_init();
  check(r == 0, "soft_mode", "EXO_tlbmode", r);
  printf("kerntest: upcall at %p\n", libos_upcall);
  for (i = 0; i < 3; i++)
    asm volatile("brk");
  check(nfault == 3, "soft_exception", "breakpoints handled by the library", nfault);

  // ping-pong between two envs in the software-TLB mode: each pct is
  // entry.s's fast path (swsyscall in, exo_swiret out)
  child = libos_dumbfork();
  if (child == 0) {
    exo_tlbmode(0, EXO_TLB_SOFT);
    from = exo_recv(words);
    for (i = 0; i < 3; i++)
      from = exo_pct(from, words[0] + i, 0, 0);
    exo_recv(words);             // (parks for good)
    libos_exit(1);
  }
  while ((r = exo_pct(child, 10, 0, 0)) == -11)
    exo_yield();
  for (i = 0; i < 2; i++)
    r = exo_pct(child, 0, 0, 0);
  check(r == child, "soft_pct", "pcts between two envs in the software-TLB mode", r);

  // ---- EXO_notify: a one-way wakeup ----
  check(exo_notify(me) == -3 && exo_notify(12345) == -3, "notify_bad",
        "to itself or to no env: -ESRCH", exo_notify(me));
  child = libos_dumbfork();
  if (child == 0) {
    from = exo_recv(words);      // woken by the parent's notify
    r = from == me && words[0] == 0;
    from = exo_recv(words);      // the notify sent while we ran: at once
    r = r && from == me;
    exo_notify(me);
    libos_exit(r ? 7 : 1);
  }
  while (status(child) != ENV_RECV)
    exo_yield();
  r = exo_notify(child);
  check(r == 0 && status(child) == ENV_RUNNABLE, "notify_wakes",
        "the waiting child is runnable, and we ran on", status(child));
  r = exo_notify(child);         // it has not run yet: kept for its next recv
  check(r == 0, "notify_kept", "a notification to an env not waiting", r);
  from = exo_recv(words);
  check(from == child, "notify_back", "the child's notification woke us", from);
  awaitend(child);

  // ---- the read-only view of our page table (UVPT) ----
  libos_alloc_map(BUF, PTE_W);
  check(libos_pte(BUF) == exo_pte(0, BUF) && (libos_pte(BUF) & PTE_W), "uvpt_entry",
        "our entry for BUF, read without a system call", libos_pte(BUF) >> 12);
  check(libos_pte(0x7FC00000) == 0 && (uvpd[0x7FC00000 >> 22] & PTE_P) == 0, "uvpt_none",
        "no page table there", uvpd[0x7FC00000 >> 22]);
  r = exo_page_map(0, UVPT + 4096 * 5, libos_pte(BUF) >> 12, 0);
  check(r == -22, "uvpt_refused", "mapping a page into the view: -EINVAL", r);
  libos_set_handler(T_PAGEFAULT, skip);
  i = nfault;
  uvpt[BUF >> 12] = 0;          // read-only: a page fault, skipped
  check(nfault == i + 1 && libos_pte(BUF) == exo_pte(0, BUF), "uvpt_readonly",
        "a write to the view faults and changes nothing", nfault - i);

  // ---- a dead env's disk blocks ----
  b = firstfree();
  child = libos_dumbfork();
  if (child == 0) {              // its own disk domain: not granted ours
    r = exo_disk_bind(b, 2);
    printf("child bound %d: %d\n", b, r);
    exo_exit(r);
  }
  awaitend(child);
  check(b > 0 && exo_disk_info(b) == EXO_BLOCK_FREE && exo_disk_info(b + 1) == EXO_BLOCK_FREE,
        "disk_dead_freed", "the dead child's blocks are free again", exo_disk_info(b));
  r = exo_disk_bind(b, 1);
  check(r == 0 && exo_disk_info(b) == me, "disk_rebind", "we bind one of them", r);
  child = libos_dumbfork_stopped();
  if (child == 0) {              // granted our domain: its end leaves ours alone
    exo_disk_bind(b + 1, 1);
    exo_exit(0);
  }
  exo_disk_grant(child);
  exo_env_run(child);
  awaitend(child);
  check(exo_disk_info(b) == me && exo_disk_info(b + 1) == me, "disk_domain_kept",
        "a granted child's end leaves the domain's blocks bound", exo_disk_info(b + 1));

  // ---- a child's name (EXO_env_name): only before it first runs ----
  child = libos_dumbfork_stopped();
  if (child == 0)
    exo_exit(0);
  r = exo_env_name(child, "renamed");
  check(r == 0 && strcmp(exoinfo->envs[(child - 1) % EXO_NENV].name, "renamed") == 0,
        "name_child", "a child not yet run takes the name", r);
  r = exo_env_name(child, "a-name-of-sixteen");
  check(r == -36, "name_long", "a name over 15 bytes: -ENAMETOOLONG", r);
  r = exo_env_name(child, (char *)0x7FC00000);
  check(r == -14, "name_fault", "a name at an unmapped address: -EFAULT", r);
  r = exo_env_name(0, "me");
  check(r == -3, "name_self", "not ourselves: -ESRCH (the name is the parent's to give)", r);
  exo_env_run(child);
  awaitend(child);
  child = libos_dumbfork();
  if (child == 0)
    exo_exit(0);
  r = exo_env_name(child, "late");
  check(r == -1 || r == -3, "name_running", "a child that has run: -EPERM (or -ESRCH once gone)", r);
  awaitend(child);

  printf("kerntest: %s\n", fails ? "FAILED" : "PASSED");
  return fails;
}
