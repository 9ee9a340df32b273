// defs.h: what kernel/core provides — every function one kernel file
// calls in a core file.
//
// A personality lists its own functions in its own header (kernel/mono:
// mono.h); what core asks of the personality is in personality.h.

#ifndef MINOS_DEFS_H
#define MINOS_DEFS_H

#include "types.h"

struct addrspace;
struct context;
struct cpu;
struct imgsrc;
struct thread;
struct spinlock;
struct sleeplock;
struct trapframe;
struct procinfo;
struct vmstats;

// entry.s
void            swtch(struct context *old, struct context *new);
void            trapret(void);      // restore a trap frame at sp and iret
void            alltraps(void);     // build a trap frame, call trap(), trapret
extern char     vectors[];          // the trap vector table (csr vec)

// main.c
void            main(void);

// uart.c — the console's registers
void            uartinit(void);
void            uartputc(int c);     // write one byte (waits for nothing)
int             uartgetc(void);      // next received byte, or -1
void            uartrxintr(int on);  // receive interrupt on (1) or off (0)

// printf.c
void            printf(char *fmt, ...);
void            panic(char *s);
void            backtrace(void);
void            printfinit(void);
void            poweroff(int status);
extern volatile int panicked;

// string.c
void *          memset(void *dst, int c, uint n);
void *          memmove(void *dst, const void *src, uint n);
void *          memcpy(void *dst, const void *src, uint n);
int             memcmp(const void *a, const void *b, uint n);
int             strlen(const char *s);
int             strncmp(const char *p, const char *q, uint n);
char *          strncpy(char *s, const char *t, int n);
char *          safestrcpy(char *s, const char *t, int n);

// spinlock.c
void            initlock(struct spinlock *lk, char *name);
void            acquire(struct spinlock *lk);
void            release(struct spinlock *lk);
int             holding(struct spinlock *lk);
void            push_off(void);
void            pop_off(void);

// sleeplock.c
void            initsleeplock(struct sleeplock *lk, char *name);
void            acquiresleep(struct sleeplock *lk);
void            releasesleep(struct sleeplock *lk);
int             holdingsleep(struct sleeplock *lk);

// kalloc.c
void            kinit(uint memsize);
void *          kalloc(void);        // one zeroed 4096-byte page, or 0
void            kfree(void *pa);
uint            kfreecount(void);    // free pages now
uint            ktotalpages(void);   // pages kalloc manages
void            kref(void *pa);      // one more mapping of page pa (lab pgtbl)
uint            krefcount(void *pa); // how many mappings page pa has (lab pgtbl)

// vm.c
void            kvminit(uint memsize);
void            kvminithart(void);
pte_t *         walk(pagetable_t pd, uint va, int alloc);
uint            walkaddr(pagetable_t pd, uint va);
int             mappages(pagetable_t pd, uint va, uint size, uint pa, int perm);
void            uvmunmap(pagetable_t pd, uint va, uint npages, int do_free);
pagetable_t     uvmcreate(void);
uint            uvmalloc(pagetable_t pd, uint oldsz, uint newsz, int perm);
uint            uvmdealloc(pagetable_t pd, uint oldsz, uint newsz);
int             uvmcopy(pagetable_t old, pagetable_t new);
void            uvmfree(pagetable_t pd);
int             copyout(pagetable_t pd, uint dstva, char *src, uint len);
int             copyin(pagetable_t pd, char *dst, uint srcva, uint len);
int             copyinstr(pagetable_t pd, char *dst, uint srcva, uint max);
char *          uservirt(pagetable_t pd, uint va, int write);   // kernel address of a user byte, or 0
uint            asidalloc(void);
void            asidfree(uint asid);
void            asidstale(uint asid);
void            vmswitch(pagetable_t pd, uint asid);
void            vmswitchkernel(void);
void            vmprint(pagetable_t pd);
int             vmfault(struct thread *t, uint va, int write);
void            vmstatsget(struct vmstats *st);

// thread.c
void            threadinit(void);
int             cpuid(void);
struct cpu *    mycpu(void);
struct thread * mythread(void);
struct thread * threadalloc(void);   // returns with t->lock held
void            threadfree(struct thread *t);
int             killed(struct thread *t);
void            setkilled(struct thread *t);
int             either_copyout(int user_dst, uint dst, void *src, uint len);
int             either_copyin(void *dst, int user_src, uint src, uint len);
void            threaddump(void);

// addrspace.c
void            asinit(void);
struct addrspace *asalloc(void);
void            asget(struct addrspace *as);
void            asput(struct addrspace *as);
struct addrspace *asdup(struct addrspace *as);
int             growproc(int n);

// loader.c
int             execimage(struct imgsrc *src, char *name, char **argv);
int             exec_mem(char *name, char *image, uint size, char **argv);

// sched.c
void            schedinit(void);
void            scheduler(void);
void            sched(void);
void            yield(void);
void            sleep(void *chan, struct spinlock *lk);
void            wakeup(void *chan);
void            make_runnable(struct thread *p);
void            place_new(struct thread *p);
int             slice_over(struct thread *p);

// trap.c
extern uint     ticks;
extern uint     trapvectors;        // a personality's own vector table (0: core's)
extern int      ticksleepers;
extern struct spinlock tickslock;
void            trapinithart(void);
void            trap(struct trapframe *tf);
void            irq_register(int cause, void (*handler)(void));   // cause T_TIMER..NCAUSE-1

// timer.c
void            timerinithart(void);
void            timerintr(void);
uint            clockticks(void);    // ticks since boot
int             ticksleep(int n);    // sleep n ticks: 0, -EINVAL, -EINTR

// number of elements in a fixed-size array
#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

#endif // MINOS_DEFS_H
