// cowcheck.c: what fork does with memory on micro (tests/micro/
// test_micro_cow.py), run as init on a boot bundle that also holds
// userland's forktest and cowtest. It watches the free pages (sysinfo:
// the kernel's mem_info) and pm's counters (vmstats: pm is the pager,
// servers/pm/mem.c) around a fork of a process with a 200-page heap:
//
//   - the fork itself takes far fewer pages than the 200 it shares
//     (an eager copy would take them all);
//   - each page the child writes afterwards costs one page (its copy);
//   - parent and child never see each other's writes;
//   - once the child is waited for, every page is free again (no leak).
//
// Each figure is printed ("cowcheck: fork took N pages"), so the host
// test can assert exact counts. Parent and child take turns through two
// pipes, so each figure is one side's doing only, on any number of cores.
// Every broken rule prints "FAIL ..."; the run ends with "COWCHECK
// PASSED" or "COWCHECK FAILED", then halt.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fs.h"          // CONSOLE: the console device's major
#include "check.h"

#define PAGE    4096
#define NPAGES  200          // the heap that fork shares
#define NWRITE  10           // pages the child writes after the fork

static char *heap;

static int
freepages(void)
{
  struct sysinfo si;

  if (sysinfo(&si) < 0)
    return -1;
  return si.freepages;
}

static struct vmstats
stats(void)
{
  struct vmstats s;

  check(vmstats(&s) == 0, "vmstats", -1);
  return s;
}

// Wait for one byte on fd (the other side's turn is over).
static void
turn(int fd)
{
  char c;

  if (read(fd, &c, 1) != 1)
    _exit(9);
}

static void
pass(int fd)
{
  if (write(fd, "x", 1) != 1)
    _exit(9);
}

// The child: writes NWRITE pages of the shared heap when told to, then
// checks that it never sees the parent's write to page NWRITE.
static int
child(int tochild, int toparent)
{
  int i, bad = 0;

  pass(toparent);                    // forked: the parent counts pages
  turn(tochild);
  for (i = 0; i < NWRITE; i++)
    heap[i * PAGE] = 100 + i;
  pass(toparent);                    // written: the parent counts again
  turn(tochild);                     // the parent has written page NWRITE
  for (i = 0; i < NPAGES; i++) {
    int want = i < NWRITE ? 100 + i : i;
    if ((unsigned char)heap[i * PAGE] != (unsigned char)want)
      bad++;
  }
  return bad == 0 ? 0 : 1;
}

static void
test_fork_shares(void)
{
  int tochild[2], toparent[2], before, forked, written, after, pid, i, st = -1;
  struct vmstats s0, s1, s2, s3;

  heap = sbrk(NPAGES * PAGE);
  check(heap != (char *)-1, "sbrk", 0);
  for (i = 0; i < NPAGES; i++)
    heap[i * PAGE] = i;                // every page really there
  check(pipe(tochild) == 0 && pipe(toparent) == 0, "pipe", -1);
  before = freepages();
  s0 = stats();
  pid = fork();
  if (pid == 0)
    _exit(child(tochild[0], toparent[1]));
  check(pid > 0, "fork", pid);
  turn(toparent[0]);
  s1 = stats();
  forked = freepages();
  printf("cowcheck: fork took %d pages\n", before - forked);
  printf("cowcheck: fork shared %d pages, copied %d\n", s1.forkshared - s0.forkshared,
         s1.forkcopied - s0.forkcopied);
  check(before - forked < NPAGES / 4, "fork shared its pages (pages taken)", before - forked);
  pass(tochild[1]);
  turn(toparent[0]);
  written = freepages();
  s2 = stats();
  printf("cowcheck: %d writes took %d pages\n", NWRITE, forked - written);
  printf("cowcheck: %d writes copied %d pages, reused %d\n", NWRITE,
         s2.cowcopied - s1.cowcopied, s2.cowreused - s1.cowreused);
  check(forked - written >= NWRITE, "a write to a shared page copies it", forked - written);
  heap[NWRITE * PAGE] = 77;            // ours only: the child must still see NWRITE
  for (i = 0; i < NWRITE; i++)
    check((unsigned char)heap[i * PAGE] == i, "the child's write seen by the parent", i);
  pass(tochild[1]);
  check(waitpid(pid, &st, 0) == pid && st == 0, "the child saw only its own writes", st);
  after = freepages();
  printf("cowcheck: after wait %d pages not free again\n", before - after);
  check(after == before, "pages leaked", before - after);
  // The child is gone: our write to a page it shared is no copy.
  s2 = stats();
  heap[(NWRITE + 1) * PAGE] = 78;
  s3 = stats();
  printf("cowcheck: a write after wait copied %d pages, reused %d\n",
         s3.cowcopied - s2.cowcopied, s3.cowreused - s2.cowreused);
  close(tochild[0]);
  close(tochild[1]);
  close(toparent[0]);
  close(toparent[1]);
  printf("fork shares checked\n");
}

// Memory runs out in the middle of copy-on-write: a child writes every
// page of a heap of 3/5 of the free memory, which it shares with us, so
// it needs more pages than there are. pm cannot take a frame (or the
// kernel cannot record a mapping): the fault is refused and the child
// is killed (status -1), as on mono — never a panic — and after wait
// every page is free again but the page tables the first round left for
// the next (ours for the bigger heap, pm's for its bigger window of
// frames): the second round leaves none.
static void
test_outofmemory(int round)
{
  int before = freepages(), pages = before * 3 / 5, pid, i, st = 0;
  char *big = sbrk(pages * PAGE);

  check(big != (char *)-1, "sbrk", pages);
  for (i = 0; i < pages; i++)
    big[i * PAGE] = 1;
  pid = fork();
  if (pid == 0) {
    for (i = 0; i < pages; i++)
      big[i * PAGE] = 2;
    _exit(0);                          // (not reached: memory ran out)
  }
  check(pid > 0, "fork of a big process", pid);
  check(waitpid(pid, &st, 0) == pid && st == -1, "the child that ran out of memory is killed", st);
  for (i = 0; i < pages; i++)
    if (big[i * PAGE] != 1)
      break;
  check(i == pages, "its writes never reached us", i);
  sbrk(-pages * PAGE);
  printf("cowcheck: after running out (%d) %d pages not free again\n", round, before - freepages());
}

// A program of userland, unmodified, from the bundle (forktest,
// cowtest): it must exit 0.
static void
runprogram(char *name)
{
  char path[32], *argv[] = { name, 0 };
  int pid, st = -1;

  strcpy(path, "/bin/");
  strcpy(path + 5, name);
  pid = fork();
  if (pid == 0) {
    exec(path, argv);
    _exit(1);
  }
  check(waitpid(pid, &st, 0) == pid && st == 0, name, st);
}

int
main(int argc, char **argv)
{
  int before;

  // The console as fd 0, 1 and 2, as init does (userland/init.c).
  if (open("/console", O_RDWR) < 0) {
    mknod("/console", CONSOLE, 0);
    open("/console", O_RDWR);
  }
  dup(0);
  dup(0);
  // Something printed first: printf's deepest stack page and its buffer
  // are in place before pages are counted.
  printf("cowcheck: init runs\n");
  // A first fork and wait: the kernel frees an ended thread's last page
  // at the next task it makes (kernel/micro/taskops.c: endunstarted,
  // reap), so counts compare like with like from here on.
  if (fork() == 0)
    _exit(0);
  wait(0);
  before = freepages();
  test_fork_shares();
  runprogram("forktest");
  // Everything the children had is free again; our own heap stays ours.
  printf("cowcheck: in all %d pages not free again\n", before - freepages());
  runprogram("cowtest");
  test_outofmemory(1);
  test_outofmemory(2);
  printf(failures ? "COWCHECK FAILED\n" : "COWCHECK PASSED\n");
  halt(0);
  return 0;
}
