// exotest.c: milestone A of the exokernel, from user space. Each check
// prints "ok NAME ..." or "FAIL NAME ..."; tests/exo/test_exo.py reads
// them (and measures the kernel paths with the machine's hooks).

#include <stdio.h>
#include <string.h>
#include "libos.h"

#define OWN 0x50000000          // libos_dumbfork copies [0x50000000, 0x50010000)

static int fails;

static void
check(int ok, char *name, char *detail, int value)
{
  printf("%s %s %s %d\n", ok ? "ok" : "FAIL", name, detail, value);
  if (!ok)
    fails++;
}

static int myslot(void) { return (exo_getenvid() - 1) % EXO_NENV + 1; }

// ---- handlers ----
static volatile int nfault;

// Demand paging in the library: map a fresh page where the fault was.
static void
pagefault(struct exoframe *f)
{
  nfault++;
  if (f->badaddr >= OWN + 0x8000 && f->badaddr < OWN + 0x10000) {
    libos_alloc_map(f->badaddr & ~4095, PTE_W);
    return;
  }
  printf("unexpected page fault at %p\n", f->badaddr);
  libos_exit(1);
}

// Skip the instruction that trapped (each is 8 bytes).
static void
skip(struct exoframe *f)
{
  nfault++;
  f->epc += 8;
}

static int
divide(int a, int b)
{
  return a / b;
}

int
main(void)
{
  int ppn, r, child, sender, me;
  uint before, words[3];
  volatile int *p;

  me = exo_getenvid();
  printf("exotest: env %d, upcall at %p\n", me, libos_upcall);

  // Exposed information: the env table and counts, read without a call.
  check(exoinfo->envs[myslot() - 1].id == me && exoinfo->envs[myslot() - 1].status == ENV_RUNNABLE,
        "info", "my entry in the exposed env table, id", me);
  check(libos_getenvid() == me && thisenv->status == ENV_RUNNABLE, "getenvid_exposed",
        "the id read from the exposed page", libos_getenvid());
  check(exoinfo->npages == 4096 && exoinfo->nfree > 0, "info_pages", "free pages", exoinfo->nfree);

  // Allocation by name: pick a free page number, bind it, map it.
  before = exoinfo->nfree;
  ppn = libos_freepage();
  check(ppn > 0 && exoowner[ppn] == myslot() && exoinfo->nfree == before - 1,
        "alloc_named", "bound page", ppn);
  r = exo_page_map(0, OWN, ppn, PTE_W);
  p = (volatile int *)OWN;
  *p = 1234;
  check(r == 0 && *p == 1234 && (exo_pte(0, OWN) >> 12) == ppn, "map", "page at 0x50000000 is", ppn);
  check(exo_page_alloc(ppn) == -16, "alloc_taken", "binding a page someone holds: -EBUSY", exo_page_alloc(ppn));
  check(exo_page_free(ppn) == -16, "free_mapped", "freeing a mapped page: -EBUSY", exo_page_free(ppn));

  // A page owned by the kernel, or by another env, cannot be bound or mapped.
  check(exoowner[1] == EXO_OWNER_KERNEL && exo_page_map(0, OWN + 0x1000, 1, 0) == -13,
        "refuse_kernel", "mapping a kernel page: -EACCES", exo_page_map(0, OWN + 0x1000, 1, 0));
  check(exo_page_map(0, UINFO, ppn, 0) == -22, "refuse_info", "mapping over the exposed pages: -EINVAL",
        exo_page_map(0, UINFO, ppn, 0));

  // Bad arguments get errors, never a kernel panic.
  check(exo_page_alloc(1 << 20) == -22 && exo_page_free(1 << 20) == -22, "bad_ppn",
        "a page number past the end: -EINVAL", exo_page_alloc(1 << 20));
  check(exo_page_map(0, OWN + 1, ppn, 0) == -22 && exo_page_map(0, 0x1000, ppn, 0) == -22
        && exo_page_map(0, OWN, ppn, 0x1000) == -22, "bad_map",
        "unaligned, below the user space, or a bad permission: -EINVAL", exo_page_map(0, OWN + 1, ppn, 0));
  check(exo_resume((struct exoframe *)0) == -14, "bad_resume", "resuming from address 0: -EFAULT",
        exo_resume((struct exoframe *)0));
  check(exo_pct(me, 1, 2, 3) == -3 && exo_pct(12345, 1, 2, 3) == -3, "bad_pct",
        "a pct to itself or to no env: -ESRCH", exo_pct(me, 1, 2, 3));
  check(exo_env_run(me) == -1, "run_self", "starting itself (not its child): -EPERM", exo_env_run(me));

  // Exceptions go to user code: page fault (demand paging), divide by
  // zero, breakpoint, privileged instruction.
  libos_set_handler(T_PAGEFAULT, pagefault);
  libos_set_handler(T_DIVZERO, skip);
  libos_set_handler(T_BREAKPOINT, skip);
  libos_set_handler(T_PRIVILEGED, skip);
  libos_set_handler(T_ILLEGAL, skip);
  p = (volatile int *)(OWN + 0x8010);
  *p = 42;
  check(nfault == 1 && *p == 42, "upcall_pagefault", "faults handled by the library", nfault);
  r = divide(7, 0);
  check(nfault == 2, "upcall_divzero", "faults", nfault);
  asm volatile("brk");
  check(nfault == 3, "upcall_breakpoint", "faults", nfault);
  asm volatile("cli");
  check(nfault == 4, "upcall_privileged", "faults", nfault);
  check(exo_page_unmap(0, UXSTACKTOP - 4096) == -16, "xstack_kept",
        "unmapping the exception stack while an upcall is set: -EBUSY", exo_page_unmap(0, UXSTACKTOP - 4096));

  // exofork: the child gets an empty address space; the library fills it.
  // A binding the kernel must refuse: our page into the child, unshared.
  child = exo_exofork();
  if (child == 0) {
    printf("FAIL exofork_child ran before it was filled\n");
    libos_exit(1);
  }
  check(child > 0 && exoinfo->envs[(child - 1) % EXO_NENV].status == ENV_NOT_RUNNABLE,
        "exofork", "child", child);
  check(exo_page_map(child, OWN, ppn, PTE_W) == -13, "refuse_unshared",
        "our page into the child without sharing: -EACCES", exo_page_map(child, OWN, ppn, PTE_W));
  check(exo_set_upcall(child, libos_upcall) == -22, "upcall_needs_xstack",
        "an upcall for a child without an exception stack: -EINVAL", exo_set_upcall(child, libos_upcall));
  exo_page_share(ppn, child, 0);
  check(exo_page_map(child, OWN, ppn, PTE_W) == -13 && exo_page_map(child, OWN, ppn, 0) == 0,
        "share_readonly", "shared read-only: writable refused, read-only granted", 0);
  check(exo_pte(child, OWN) >> 12 == ppn && exo_page_map(1 + EXO_NENV * 1000, OWN, ppn, 0) == -3,
        "child_mapping", "child maps our page", ppn);

  // A copy of ourselves (dumbfork) and protected control transfers: the
  // child waits (exo_recv), our pct runs it with our word, its pct back
  // runs us (exo_pct returns its sender) and leaves it waiting for good.
  child = libos_dumbfork();
  if (child == 0) {
    sender = exo_recv(words);
    printf("child %d: pct from %d\n", exo_getenvid(), sender);
    check(sender == me && words[0] == 41 && words[1] == 7 && words[2] == 8, "pct_words",
          "the parent's words", words[0]);
    check(libos_getenvid() == exo_getenvid() && libos_getenvid() != me, "getenvid_child",
          "the child's id read from the exposed page", libos_getenvid());
    libos_flush();
    while (exo_pct(sender, words[0] + 1, 0, 0) == -11)
      exo_yield();
    libos_exit(1);               // (never: no one transfers to it again)
  }
  check(child > 0, "dumbfork", "child", child);
  while ((r = exo_pct(child, 41, 7, 8)) == -11)
    exo_yield();
  check(r == child, "pct", "the child ran and transferred back", r);
  check(exoinfo->envs[(child - 1) % EXO_NENV].status == ENV_RECV, "pct_reply",
        "the child waits for a pct again", exoinfo->envs[(child - 1) % EXO_NENV].status);

  printf("exotest: %s\n", fails ? "FAILED" : "PASSED");
  return fails;
}
