// micro.h: the microkernel's objects and what its files provide to each
// other (what it gives core is in personality.h; its user interface is
// kernel/include/ipc.h).
//
// The kernel holds four kinds of object, all in fixed tables:
//   task          an address space (core's) with its capability slots;
//   tcb           a thread's IPC state (one per core thread slot,
//                 t->owner points at it);
//   endpoint      a rendezvous point: queues of blocked senders and of
//                 blocked receivers, never a message buffer;
//   notification  a word of bits, and the thread waiting for them.
// A task reaches an object only through a capability (struct cap) in one
// of its slots: the slot number is all user code ever names.
//
// Lock order: ipc_lock (every field below), then a thread's t->lock,
// then a run queue's lock. One lock for all IPC state keeps the
// reasoning simple; the fast path takes it once per call.

#ifndef MINOS_MICRO_H
#define MINOS_MICRO_H

#include "types.h"
#include "param.h"
#include "ipc.h"

#define NTASK    NTHREAD
#define NEP      64
#define NNTFN    32
#define CAP_ANY  (-1)    // capget: any capability (not CAP_NONE)

struct thread;
struct trapframe;
struct addrspace;
struct spinlock;

// Capabilities form seL4's derivation tree: a copy (mint, a capability
// given in a message, setpager, onexit) is a child of the capability it
// was copied from; an original (made with its object: epcreate,
// ntfncreate, tasknew) has no parent. Revoking a capability deletes all
// its descendants; deleting one moves its children up to its parent, so
// a revoke still reaches what was copied through a deleted go-between.
struct cap {
  int type;              // CAP_* (ipc.h); CAP_NONE: an empty slot
  int rights;            // RIGHT_* bits
  uint badge;            // what a receiver learns (endpoint), the bits signalled
                         // (notification), the call answered (reply: callseq),
                         // or which task of the slot (task: gen)
  void *obj;             // the endpoint, notification, task, or caller's tcb (reply)
  struct cap *parent;    // the capability it was copied from (0: an original)
  int nchild;            // capabilities whose parent it is
};

struct task {
  int used;
  uint gen;                    // counts the slot's tasks: a CAP_TASK names one (its badge)
  int nthread;                 // live threads in it
  struct addrspace *as;        // its address space (core's object)
  struct cap caps[NCAP];
  struct cap pager;            // endpoint its page faults are sent to (CAP_NONE: none)
  struct cap onexit;           // notification signalled when its last thread ends
  uint devva[NDEV];            // where a device is mapped into it (0: not)
  struct thread *first;        // its first thread, until start() lets it run
  struct mapping *maps;        // its entries in the mapping database (mem.c)
  char name[16];
};

// What a thread is doing in IPC (tcb.state).
enum ipcstate {
  IPC_IDLE,        // running, or not in IPC
  IPC_SEND,        // queued on an endpoint to send (send, or the first half of call)
  IPC_RECV,        // queued on an endpoint to receive
  IPC_REPLY,       // its call was taken; waits for the reply
  IPC_WAIT,        // waiting on a notification
};

struct tcb {
  struct thread *t;
  struct task *task;
  enum ipcstate state;
  void *obj;                 // the endpoint or notification it waits on
  struct tcb *next;          // next in that endpoint's queue
  int call;                  // IPC_SEND: it is a call (wants a reply)
  uint badge;                // IPC_SEND: the badge of the capability it used
  struct tcb *caller;        // the caller whose reply it owes (after receiving a call)
  uint callseq;              // counts its calls: a saved reply names the call it answers
  struct notification *bound;  // recv also returns when this is signalled (bindntfn)
  int result;                // what ended its wait: 0 or -E...
  int fault;                 // its call is a page fault: the message is fmsg, not its registers
  uint fmsg[5];              // that message (info, w[0..3]), then the pager's reply
};

// An endpoint and a notification live while capabilities name them:
// both begin with a struct kobj (their first member, so that task.c's
// newobject and objput treat both alike), whose refs counts those
// capabilities; the last one's deletion frees the object (objput,
// task.c; objfree, ipc.c), failing every wait on it with -EIDRM.
struct kobj {
  int used;
  int refs;                  // capabilities naming it
};

struct endpoint {
  struct kobj k;
  struct tcb *senders;       // blocked senders and callers: the highest priority first,
                             // first come first served among equals
  struct tcb *receivers;     // blocked receivers
};

struct notification {
  struct kobj k;
  uint bits;                 // signalled and not yet taken
  struct tcb *waiter;        // the thread waiting for bits, if any
  struct tcb *bound;         // the thread whose recv it also ends (bindntfn), if any
};

extern struct spinlock ipc_lock;
extern struct tcb tcbs[NTHREAD];
extern uint ipc_messages;

// task.c — tasks, capabilities, the boot bundle
void            taskinit(void);
struct cap *    capget(struct task *tk, int slot, int type, int rights);
#define         freeslot(tk, slot) capget(tk, slot, CAP_NONE, 0)   // an empty slot, or 0
struct tcb *    spawn(char *name);
int             bundleread(struct task *tk, int image, uint off, uint buf, uint n);
int             sys_create(struct task *tk, int slot, int ep);
int             sys_mint(struct task *tk, int src, int dtask, int dst, uint badge, int rights);
int             sys_delete(struct task *tk, int slot, int revoke);
void            capset(struct cap *c, int type, int rights, uint badge, void *obj);
void            capcopy(struct cap *dst, struct cap *src, int rights, uint badge);
void            capdelete(struct cap *c);
void            taskgone(struct task *tk);
int             sys_start(struct task *tk, int task);
int             sys_thread(struct tcb *me, uint pc, uint sp, uint arg);
int             sys_prio(struct tcb *me, int task, int prio);
void            taskexit(struct tcb *me);
void            taskend(struct task *to);
void            reap(void);

// ipc.c — rendezvous on endpoints, notifications
int             ipc_send(struct tcb *me, struct cap *c, int call, int block);
int             ipc_recv(struct tcb *me, struct cap *c, int block, int reply);
int             ipc_reply(struct tcb *me);
int             ipc_savereply(struct tcb *me, struct task *tk, int slot);
int             ipc_replyto(struct tcb *me, struct cap *c);
int             ntfn_bind(struct tcb *me, struct cap *c);
int             ipc_fault(struct tcb *me, uint va, uint access, uint pc);
int             ntfn_signal(struct notification *n, uint bits);
int             ntfn_wait(struct tcb *me, struct cap *c, int block);
void            ipc_cancel(struct tcb *me);
void            objfree(void *obj);
void            ipc_replydrop(struct tcb *caller, uint callseq);
int             checkbufs(struct tcb *me, int sending, int receiving);   // (and fastpath.S)
int             transfer(struct tcb *s, struct tcb *r, uint badge);      // (and fastpath.S)

// fastpath.S — the call/replyrecv fast path at trap entry
extern char     microvectors[];

// mem.c — mapping pages and devices, interrupts
int             sys_map(struct task *tk, int task, uint srcva, uint dstva, int perm, int grant);
int             sys_unmap(struct task *tk, int task, uint va);
int             sys_mapmany(struct task *tk, int task, uint vec, int n);
void            irqforget(struct notification *n);
int             sys_mapdev(struct task *tk, int ctl, int task, int dev, uint va);
int             sys_irqbind(struct task *tk, int ctl, int cause, int ntfn);
int             sys_irqack(struct task *tk, int ntfn, int cause);
void            irqinit(void);
void            unmapdevs(struct task *tk);
struct task *   tasktarget(struct task *tk, int slot);
int             freeva(pagetable_t pd, uint va);

// taskops.c — building and ending tasks for a user-level process manager
int             sys_taskop(struct tcb *me, uint num, struct trapframe *tf);

#endif // MINOS_MICRO_H
