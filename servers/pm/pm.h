// pm.h: the process manager's own declarations (servers/pm/): its
// process table, its capability slots, and what its files give each
// other. The messages it serves are in servers/include/proto.h.
//
// A process is a task (kernel/micro) plus the Unix state pm keeps for
// it. pm holds a capability to each process's task, in a slot of its
// own (proc.slot), and gives the process exactly two capabilities,
// badged with its pid (proto.h: PROC_PM, PROC_FS).
//
// pm's slots: PM_CONTROL .. PM_FSEP (proto.h), then FSSELF (the fs
// server's endpoint with pm's own badge, for pm's calls), then the task
// capabilities (TASK0 ..), then the saved replies of parents waiting in
// wait() (WAIT0 ..).

#ifndef PM_H
#define PM_H

#include <stdio.h>
#include <string.h>
#include "syscall.h"     // WNOHANG (first: ipc.h's SYS_* names are the ones pm uses)
#include "mk.h"
#include "proto.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"     // PGROUNDUP, PGROUNDDOWN
#include "unix/unixlimits.h"   // MAXPATH
#include "unix/stat.h"         // T_FILE: what exec reads
#include "unix/fcntl.h"        // O_RDONLY

#define FSSELF      4            // pm's own capability to the fs server (FS_BADGE_PM)
#define TASK0       7            // (5 is PM_RSEP, proto.h; 6 is not used)
#define NTASKSLOT   47           // a process each, and one for an exec in progress
#define WAIT0       (TASK0 + NTASKSLOT)
#define NWAITSLOT   (NCAP - WAIT0)
#define NPROC       (NTASKSLOT - 1)

// A page of a process (mem.c): its address | PG_* flags (mk.h).

// P_DYING: exited or killed, its task not gone yet (pm waits for the
// task's end, PMN_EXIT, before a wait() may report it).
enum pstate { P_FREE, P_ALIVE, P_DYING, P_ZOMBIE };

struct proc {
  enum pstate state;
  int pid;
  int ppid;
  int pgid;
  int slot;                  // pm's capability to its task (P_ALIVE, P_DYING)
  int xstatus;               // P_DYING, P_ZOMBIE: its exit status
  unsigned int heapbase;     // the end of its image: the break may not go lower
  unsigned int brk;          // the program break (sbrk)
  unsigned int heaptop;      // heap pages at or above it were never mapped
  int waitslot;              // it waits in wait(): the saved reply's slot, else -1
  int waitpid;               //   for which child (-1: any)
  int longwanted;            // it said a long part is coming (PM_LONG) and has not sent one
  char name[16];
};

extern struct proc procs[NPROC];
extern int havefs;         // the fs server runs: programs come from it, it hears of processes

// pm.c
struct proc *   procalloc(void);
void            procfree(struct proc *p);
int             slotalloc(void);
void            slotfree(int slot);
int             givecaps(struct proc *p, int slot);
int             fscall(struct msg *m, int label, int a, int b, void *out, int outlen,
                       void *in, int insize);

// mem.c — pm is the pager: frames, copy-on-write fork, page faults
int             pagenew(int slot, unsigned int va, int (*fill)(void *, char *), void *arg);
int             memfork(int parent, int child);
int             pagefault(struct proc *p, unsigned int va, int write);
int             pagetouch(struct proc *p, unsigned int va, int write);
void            pagesfree(int slot);
void            pagesshrink(int slot, unsigned int from, unsigned int to);
void            vmstats(struct msg *m);

// exec.c — pm is the loader
int             loadprogram(int slot, char *path, char *args, int argc, unsigned int *end);
char *          lastname(char *path);

#endif // PM_H
