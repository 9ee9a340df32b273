// mk.h: the microkernel's system calls as C functions, for servers and
// for the programs of the micro world (the stubs are
// userland/lib/backend/micro/ipc.S; numbers, the message format and the
// capability constants are kernel/include/ipc.h).
//
// Every call returns 0 (or a count, or a slot) on success and -ENUMBER
// (errnum.h) on failure. A capability is named by its slot number.

#ifndef MINOS_MK_H
#define MINOS_MK_H

#include <hw.h>          // the machine's facts: trap causes, device registers
#include "ipc.h"
#include "errnum.h"

int ipc_send(int cap, struct msg *m);
int ipc_nbsend(int cap, struct msg *m);
int ipc_recv(int cap, struct msg *m);
int ipc_nbrecv(int cap, struct msg *m);
int ipc_call(int cap, struct msg *m);
int ipc_callw(int cap, int label, int w0, int w1);   // words only: the reply's w0, or -E...
int ipc_reply(int unused, struct msg *m);
int ipc_replyrecv(int cap, struct msg *m);
int ipc_replyto(int reply, struct msg *m);    // answer through a saved reply
int reply_save(int slot);                     // keep the last caller's reply in a slot
int ipc_count(void);

int ntfn_signal(int cap);
int ntfn_wait(int cap, unsigned int *bits);
int ntfn_poll(int cap, unsigned int *bits);
int ntfn_bind(int cap);                       // our recv also ends on its signals

int ep_create(int slot);
int ntfn_create(int slot);
int cap_mint(int src, int task, int dst, unsigned int badge, int rights);
int cap_delete(int slot);
int cap_revoke(int slot);                     // delete every copy derived from it

int task_start(int task);
int task_prio(int task, int prio);             // every thread of a task (-1: ours)
int task_onexit(int task, int ntfn, unsigned int badge);
int set_pager(int task, int ep, unsigned int badge);
int thread_exit(int status);
int thread_create(void (*pc)(int), void *sp, int arg);   // a thread in our task; its id

int page_map(int task, unsigned int srcva, unsigned int dstva, int perm);
int page_unmap(int task, unsigned int va);
int page_grant(int task, unsigned int srcva, unsigned int dstva, int perm);   // we lose it
int map_device(int control, int task, int dev, unsigned int va);
int dma_page(int control, int task, unsigned int va);   // its physical address
int irq_bind(int control, int cause, int ntfn);
int irq_ack(int ntfn, int cause);

int debug_putc(int c);

// A server's loop (servers/lib/serve.c): receive on ep into buf (size
// bytes; serveroom: *room bytes at each receive, which the server may
// change), handle, answer (when handle returns 1) and receive again,
// forever.
void serve(int ep, char *buf, int size, int (*handle)(struct msg *m));
void serveroom(int ep, char *buf, int *room, int (*handle)(struct msg *m));

// Set up a driver task before it runs: its device, its interrupt, the
// page kept for it (servers/lib/driver.c; keep: 0 for none).
int driver_setup(int control, int task, int dev, unsigned int va, int cause, int irq, unsigned int keep);

// The disk driver and the file-system server (servers/lib/fsstart.c):
// each built and set up, not started (disk_make, fsserver_setup: the
// reincarnation server restarts one at a time), or both from the
// bundle, with their objects, started (fs_start: tests).
int disk_make(int control, int image, int disk, int diskep, int diskirq, unsigned int dmava, int dmapa);
int fsserver_setup(int fs, int fsep, int diskep, int consep);
int fs_start(int control, int disk, int fs, int diskep, int diskirq, int fsep, unsigned int dmava,
             int consep);

// A call to a service that the reincarnation server may restart
// (servers/lib/retry.c): sent again, the same message, while the server
// died with it in flight (-EPIPE) — at most CALL_RETRIES times.
#define CALL_RETRIES 8
int ipc_callretry(int cap, struct msg *m);

// For a user-level process manager (kernel/micro/taskops.c; stubs in
// userland/lib/backend/micro/taskops.S).
int task_new(int control, int slot, char *name);       // empty task, thread not started
int task_regs(int task, unsigned int pc, unsigned int sp, unsigned int arg);
int page_mapmany(int task, unsigned int *vec, int n);  // n (srcva|perm, dstva) maps: n or -error
int page_alloc(int task, unsigned int va, int perm);   // fresh zeroed page (task -1: ours); MAP_W|MAP_X
int task_kill(int task);                               // end every thread of a task
int machine_halt(int control, int status);
int bundle_read(int image, unsigned int off, void *buf, unsigned int n);   // bytes copied
                                               // (image -1: the table of contents, bundle.h)
int mem_info(unsigned int info[4]);            // free pages, all pages, cores, ticks
int tick_sleep(int ticks);                     // the calling thread waits (0, -EINTR)
int tick_now(void);                            // ticks since boot

// The loader (servers/lib/load.c): a task from a program image, built
// from user space — the kernel loads only the root task.
//
// A page of a task being built: its address | these flags.
#define PG_W        1            // the task may write it
#define PG_MAPW     2            // mapped writable now (PG_W without it: pm's copy-on-write)
#define PG_X        4            // executable (text)
#define LOAD_VA     0x7E000000u  // task_spawn's page of our own, filled and granted on

struct loader {
  // n bytes of the image at off into dst: 0, or -1 (the image is shorter)
  int (*read)(void *src, unsigned int off, char *dst, unsigned int n);
  void *src;
  unsigned int size;             // the image's bytes
  // build page va (| PG_*) of the task in slot, filled by fill (0: zeroes)
  int (*page)(int slot, unsigned int va, int (*fill)(void *, char *), void *arg);
  int stackpages;                // stack pages built now (a pager adds the rest)
};

// A new task in our empty slot (tasknew: the control capability),
// running the image with argc strings at args (each ending in 0), ready
// to start(): 0, with the end of its image in *end (where its heap
// begins), or -error (-ENOEXEC, -E2BIG, -ENOMEM, ...) with nothing left.
int load_task(struct loader *l, int control, int slot, char *name, char *args, int argc,
              unsigned int *end);
// A new task running bundle image `image` with argv { its name, arg }
// (arg 0: none), its pages its own (granted), its capability in our
// empty slot, not started (give it its capabilities, then task_start).
// The slot, or -error (-ENOENT: no such image).
int task_spawn(int control, int image, char *arg, int slot);
int bundle_image(int image, char *name);       // its name (16 bytes) and size, or -ENOENT
int bundle_find(char *name, unsigned int *size);   // the image called name (never 0, the root
                                               // task), its size in *size (if not 0); or -ENOENT
int bundle_readat(int image, unsigned int off, char *dst, unsigned int n);   // all n bytes: 0, or -1

#endif // MINOS_MK_H
