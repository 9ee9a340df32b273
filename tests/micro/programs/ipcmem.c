// ipcmem.c: the IPC tests' checks of memory: pages mapped, unmapped and
// granted (recursive unmap), map's refusals, long messages, and a pager
// answering faults. Part of the root task of the IPC tests' bundle, with
// ipctest.c (which runs them: main); ipctest.h has what they share.

#include <stdio.h>
#include <string.h>
#include "mk.h"
#define CHECK_SHARED
#include "check.h"
#include "ipctest.h"

// Recursive unmap (L4's mapping database, kernel/micro/mem.c). In our
// own address space: a page at A, mapped to B, B mapped to C; unmapping
// B takes C too and leaves A; unmapping A takes everything derived from
// it. Across tasks: A -> B (ours) -> the toucher's TOUCHVA, and A2 ->
// the toucher's TOUCHVA + 4096 directly; unmapping B and A2 in our own
// space takes the toucher's pages, whose next touch faults to its pager
// (us). A page granted away keeps what was derived from it (the grantee
// takes its place), and a page's memory lives until its last mapping.
#define MAPA        0x45000000u
#define MAPB        0x46000000u
#define MAPC        0x47000000u
#define MAPA2       0x45001000u
#define TOUCHER     51

static unsigned int
probe(unsigned int va)           // 0 if we have a page at va, -EFAULT if not
{
  int r = page_map(-1, va, 0x49000000, MAP_R);

  if (r == 0)
    page_unmap(-1, 0x49000000);
  return r;
}

void
test_unmap(void)
{
  unsigned int before[4], after[4], vec[2];
  struct msg m;
  int r;

  check(page_alloc(-1, MAPA, MAP_W) == 0, "a page of our own", 0);
  *(volatile unsigned int *)MAPA = 0xA11CE;
  check(page_map(-1, MAPA, MAPB, MAP_W) == 0 && page_map(-1, MAPB, MAPC, MAP_R) == 0, "map A -> B -> C", 0);
  check(*(volatile unsigned int *)MAPC == 0xA11CE, "C shows A's page", 0);
  check(page_unmap(-1, MAPB) == 0, "unmap B", 0);
  r = probe(MAPC);
  check(r == -EFAULT, "unmapping B took C, derived from it", r);
  r = probe(MAPA);
  check(r == 0 && *(volatile unsigned int *)MAPA == 0xA11CE, "and left A", r);
  check(page_map(-1, MAPA, MAPB, MAP_W) == 0 && page_map(-1, MAPB, MAPC, MAP_R) == 0, "map A -> B -> C again", 0);
  check(page_grant(-1, MAPB, 0x48000000, MAP_W) == 0, "grant B away (to 0x48000000)", 0);
  check(page_unmap(-1, MAPA) == 0, "unmap A", 0);
  r = probe(MAPC);
  check(r == -EFAULT, "unmapping A took C, through the granted B", r);
  r = probe(0x48000000);
  check(r == -EFAULT, "and the grantee", r);

  // mapmany unmaps what its destination has first: here A, and B with
  // it (derived from A), which was the page to map: -EFAULT, nothing
  // mapped (it once read B's emptied page-table entry as physical page 0).
  check(page_alloc(-1, MAPA, MAP_W) == 0 && page_map(-1, MAPA, MAPB, MAP_W) == 0, "A -> B once more", 0);
  vec[0] = MAPB | MAP_W;
  vec[1] = MAPA;
  r = page_mapmany(-1, vec, 1);
  check(r == -EFAULT, "mapmany B over A, which takes B", r);
  check(probe(MAPA) == -EFAULT && probe(MAPB) == -EFAULT, "A and B are gone", 0);

  // Across tasks: A -> B -> the toucher, A2 -> the toucher. (Counted
  // from here: the page tables of our regions above stay.)
  mem_info(before);
  check(page_alloc(-1, MAPA, MAP_W) == 0 && page_alloc(-1, MAPA2, MAP_W) == 0, "two pages", 0);
  *(volatile unsigned int *)MAPA = 0xB0B;
  *(volatile unsigned int *)MAPA2 = 0xCAB;
  check(page_map(-1, MAPA, MAPB, MAP_W) == 0, "map A -> B", 0);
  spawnpeer("toucher", TOUCHER, EP, 79, RIGHT_SEND, 1u << 21);
  check(set_pager(TOUCHER, EP, 78) == 0, "its pager: us, with badge 78", 0);
  check(task_start(TOUCHER) == 0, "start", 0);
  clearmsg(&m);
  r = ipc_recv(EP, &m);
  check(r == 0 && m.badge == 79, "the toucher is here", m.badge);
  check(page_map(TOUCHER, MAPB, TOUCHVA, MAP_R) == 0, "map B -> the toucher", 0);
  check(page_map(TOUCHER, MAPA2, TOUCHVA + 4096, MAP_R) == 0, "map A2 -> the toucher", 0);
  clearmsg(&m);
  r = ipc_replyrecv(EP, &m);
  check(r == 0 && m.w[0] == 0xB0B && m.w[1] == 0xCAB, "the toucher reads both pages", m.w[0]);
  check(page_unmap(-1, MAPB) == 0 && page_unmap(-1, MAPA2) == 0, "unmap B and A2", 0);
  clearmsg(&m);
  r = ipc_replyrecv(EP, &m);
  check(r == 0 && IPC_LABEL(m.info) == LABEL_FAULT && m.badge == 78, "the toucher faults to its pager", m.info);
  check(m.w[0] == TOUCHVA, "at the page that was derived from B", m.w[0]);
  m.info = IPC_INFO(1, 0);      // refuse: the toucher dies
  ipc_reply(0, &m);
  reap(1u << 21);
  r = probe(MAPA);
  check(r == 0 && *(volatile unsigned int *)MAPA == 0xB0B, "A stays", r);
  check(page_unmap(-1, MAPA) == 0, "unmap A", 0);
  check(cap_delete(TOUCHER) == 0, "delete", 0);
  mem_info(after);
  check(after[0] == before[0], "every page of the toucher and its mappings is free again", (int)(before[0] - after[0]));
  printf("recursive unmap checked\n");
}

char page[8192];          // the test's own pages, for map tests (test_givecap's too)

void
test_map(void)
{
  unsigned int mine = ((unsigned int)page + 4095) & ~4095u;
  int r;

  r = page_map(-1, 0x10000, 0x41000000, MAP_R);
  check(r == -EFAULT, "map kernel memory", r);
  r = page_map(-1, 0x48000000, 0x41000000, MAP_R);
  check(r == -EFAULT, "map an address we have nothing at", r);
  r = page_map(-1, 0xF0000000, 0x41000000, MAP_R);
  check(r == -EFAULT, "map the console's registers", r);
  r = page_map(-1, 0x40000000, 0x41000000, MAP_W);
  check(r == -EPERM, "map our text writable", r);
  r = page_map(-1, mine, 0xF0000000, MAP_R);
  check(r == -EINVAL, "map over the devices", r);
  r = page_map(-1, mine + 1, 0x41000000, MAP_R);
  check(r == -EINVAL, "map an unaligned address", r);
  // A page we own, shared with ourselves at a second address.
  r = page_map(-1, mine, 0x41000000, MAP_W);
  check(r == 0, "map our own page", r);
  *(volatile unsigned int *)mine = 0xCAFE;
  check(*(volatile unsigned int *)0x41000000 == 0xCAFE, "the shared page shows the write", 0);
  r = page_map(-1, mine, 0x41000000, MAP_W);
  check(r == -EEXIST, "map over a mapped page", r);
  r = page_unmap(-1, 0x41000000);
  check(r == 0, "unmap", r);
  check(*(volatile unsigned int *)mine == 0xCAFE, "the page survives its second mapping", 0);
  printf("map checked\n");
}

static char longbuf[IPC_MAXLONG + 8];

void
test_long(void)
{
  struct msg m;
  int i, r, ok = 1;
  char *p = longbuf + 5;       // crosses page boundaries, unaligned

  check(ep_create(ECHO) == ECHO && ep_create(ECHOS) == ECHOS, "ep_create", 0);
  start("echo", PEER + 5, ECHO, 0, RIGHT_RECV, 16);
  for (i = 0; i < 3000; i++)
    p[i] = i % 251;
  clearmsg(&m);
  m.info = IPC_INFO(0, 3000);
  m.buf = (unsigned int)p;
  m.size = 3000;
  r = ipc_call(ECHO, &m);
  check(r == 0 && IPC_LEN(m.info) == 3000, "a 3000-byte call and reply", r);
  for (i = 0; i < 3000; i++)
    if (p[i] != (char)((2999 - i) % 251))
      ok = 0;
  check(ok, "the reply is the message reversed", 0);

  clearmsg(&m);
  m.info = IPC_INFO(0, 100);
  m.buf = 0x10000;            // kernel memory
  r = ipc_call(ECHO, &m);
  check(r == -EFAULT, "a long part in kernel memory", r);
  m.buf = 0x48000000;         // nothing mapped there
  r = ipc_call(ECHO, &m);
  check(r == -EFAULT, "a long part at an unmapped address", r);
  m.buf = 0x40000000;         // our text: readable, not writable for the reply
  m.size = 100;
  r = ipc_call(ECHO, &m);
  check(r == -EFAULT, "a reply buffer that is not writable", r);
  m.buf = (unsigned int)p;
  m.info = IPC_INFO(0, IPC_MAXLONG + 1);
  r = ipc_call(ECHO, &m);
  check(r == -EFAULT, "a long part over IPC_MAXLONG", r);

  start("echosmall", PEER + 6, ECHOS, 0, RIGHT_RECV, 32);
  clearmsg(&m);
  m.info = IPC_INFO(0, 200);
  m.buf = (unsigned int)p;
  m.size = 200;
  r = ipc_call(ECHOS, &m);
  check(r == -E2BIG, "a long part bigger than the receiver's buffer", r);
  m.info = IPC_INFO(0, 50);
  r = ipc_call(ECHOS, &m);
  check(r == 0 && IPC_LEN(m.info) == 50, "one that fits", r);
  printf("long messages checked\n");
}

void
test_pager(void)
{
  static char frame[8192];
  unsigned int mine = ((unsigned int)frame + 4095) & ~4095u;
  struct msg m;
  int r;

  r = task_spawn(CONTROL, PEERIMAGE, "faulter", PEER + 7);
  check(r == PEER + 7, "spawn the faulter", r);
  r = cap_mint(EP, -1, 31, 77, RIGHT_SEND);
  check(r == 0, "a badged copy of EP for the pager", r);
  check(set_pager(PEER + 7, 31, 99) == 0, "set_pager (the copy's badge, not 99)", 0);
  check(task_onexit(PEER + 7, EXITS, 64) == 0, "onexit", 0);
  task_start(PEER + 7);

  *(unsigned int *)mine = 0xBEEF;
  clearmsg(&m);
  r = ipc_recv(EP, &m);
  check(r == 0 && IPC_LABEL(m.info) == LABEL_FAULT && m.badge == 77, "a fault message from the badge", m.badge);
  check(m.w[0] == FAULTVA && m.w[1] == 0, "the fault's address and access", m.w[0]);
  r = page_map(PEER + 7, mine, FAULTVA, MAP_R);
  check(r == 0, "the pager maps the page", r);
  clearmsg(&m);               // reply label 0: mapped, try again
  r = ipc_replyrecv(EP, &m);
  check(r == 0 && m.w[0] == FAULTVA + 8192, "the second fault", m.w[0]);
  m.info = IPC_INFO(1, 0);    // refuse: the faulter dies
  ipc_reply(0, &m);
  reap(64);
  printf("pager checked\n");
}
