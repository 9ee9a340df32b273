// exo.h: the exokernel's own objects and functions (kernel/exo).
//
// kernel/exo protects; it does not manage. It keeps three tables, all
// under one lock, envlock:
//   - envs[]: environments. An environment is one core thread, its
//     address space, and where its exceptions go (upcall). It has no
//     files, no parent-child Unix semantics, no signals: those are the
//     library OS's (libos/).
//   - the page bindings (page.c): for every physical page, who owns it
//     (the exposed owner table at UINFO + PGSIZE), which other env may
//     map it and how (guest, guestperm), and how many mappings it has.
//   - the exposed information page (struct exoinfo, exoabi.h).
// Lock order: envlock, then a thread's lock (t->lock), then a run queue's.

#ifndef MINOS_EXO_H
#define MINOS_EXO_H

#include "types.h"
#include "exoabi.h"

struct thread;
struct spinlock;

// entry.s's protected control transfer reads the first eight fields:
// keep their order and the ENV_* offsets there in step (a test checks).
struct env {
  int id;                 // 0: the slot is free
  volatile int *status;   // its status, ENV_* (exoabi.h): the word in the exposed
                          // page (&info->envs[slot].status), so there is one record
  struct thread *t;       // its one thread; t->as is its address space
  uint ksp;               // the top of t's kernel stack
  pagetable_t pd;         // t->as->pagetable
  uint asid;              // t->as->asid
  int tlbmode;            // EXO_TLB_PAGETABLE or EXO_TLB_SOFT (stlb.c)
  uint waitpc;            // while it waits for a pct (ENV_RECV): where it resumes
  int parent;             // id of the env that made it (0: none)
  int held;               // pages it owns (the owner table counted, kept as it changes)
  int notified;           // a notification it has not received yet: the notifier's id, or 0
};

// The STLB (stlb.c): a direct-mapped cache of checked translations.
// swtlb.S knows this layout and NSTLB.
#define NSTLB 512
struct stlbent {
  uint tag;               // asid << 20 | vpn; 0: empty
  uint pte;               // the entry tlbwr writes
};
struct stlbstats {
  uint pagetable;         // misses answered from the env's page table (page_map)
  uint upcalls;           // misses handed to the library (T_TLBMISS)
};
extern struct stlbstats stlbstats;

extern struct env envs[EXO_NENV];
extern struct spinlock envlock;
extern struct exoinfo *info;       // the exposed page (read-only for users)
extern uchar *owner;               // the exposed owner table, one byte a page

// env.c
void            envinit(void);
struct env *    myenv(void);
struct env *    envlookup(int id);            // id 0: the caller; 0 if none
struct env *    envalloc(struct env *parent); // returns with e->t->lock held
void            envpublish(struct env *e);
void            envcache(struct env *e);
int             exofork(void);
int             envrun(int id);
void            envdestroy(struct env *e, int status);
int             envresume(uint frameva);
int             setupcall(int id, uint va);
int             pct(int id, uint w0, uint w1, uint w2);
int             recv(void);
int             notify(int id);
int             envlive(void);
int             upcall(struct thread *t, uint cause, uint badaddr, uint access);

// page.c
void            pageinit(void);
int             mapinfo(pagetable_t pd);
int             viewall(pagetable_t pd);
void            claimpages(struct env *e);
void            unmapall(struct env *e);
void            releasepages(struct env *e);
int             page_alloc(uint ppn);
int             page_free(uint ppn);
int             page_share(uint ppn, int id, uint perm);
int             page_map(int id, uint va, uint ppn, uint perm);
int             page_unmap(int id, uint va);
uint            page_pte(int id, uint va);
int             xstackmapped(struct env *e);
int             pagesheld(struct env *e);
int             holds(struct env *e, uint ppn);
int             youngest(struct env *e);
void            repossess(struct env *e, uint ppn);

int             tlb_install(uint va, uint ppn, uint perm);

// stlb.c
struct trapframe;
void            stlbinit(void);
void            stlbfill(uint va, uint pte);
void            stlbforget(struct env *e, uint va);
void            stlbforgetenv(struct env *e);
void            stlbforgetpage(uint ppn);
int             tlbmode(int id, int mode);
int             stlbmiss(struct thread *t, struct trapframe *tf);
void            swtlbexit(struct thread *t);

// revoke.c
void            revoketick(void);

// syscall.c
void            syscallinit(void);

// for a library OS's Unix (libos/unix): page.c's page_pass, setframe.c, disk.c, cons.c
int             page_pass(int id, uint dstva, uint srcva, uint perm);
int             env_setframe(int id, uint frameva);
int             env_name(int id, uint nameva);
struct env *    unstarted(int id, int *err);  // caller's child not run yet, or 0
void            diskinit(void);
int             diskio(uint block, uint pa, int cmd);
void            diskpublic(uint first, uint n);
int             disk_bind(uint block, uint n);
int             disk_rw(uint block, uint va, int write);
int             disk_grant(int id);
int             disk_info(uint block);
void            diskforget(struct env *e);
void            consinit(void);
void            consintr(void);                 // (main.c registers it, with the way back)
int             cons_read(uint va, uint n);

#endif // MINOS_EXO_H
