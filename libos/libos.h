// libos.h: the minimal library OS over the exokernel (libos/).
//
// The kernel only protects; this library manages: it picks physical
// pages by number from the exposed owner table, maps them, keeps the
// exception stack, and dispatches exceptions to per-cause handlers.
// Bare programs include this and link libos/ and libos/bare/ (shell/
// build.py build_exo_bundle); Unix programs link libos/, libos/unix/ and
// libc (userland/lib/backend/exo).

#ifndef MINOS_LIBOS_H
#define MINOS_LIBOS_H

#include <hw.h>
#include "exoabi.h"

typedef unsigned int uint;

// the system calls (entry.S; numbers and meaning in exoabi.h)
int  exo_cputs(const char *s, uint len);
int  exo_getenvid(void);
void exo_exit(int status);
int  exo_page_alloc(uint ppn);
int  exo_page_free(uint ppn);
int  exo_page_share(uint ppn, int env, uint perm);
int  exo_page_map(int env, uint va, uint ppn, uint perm);
int  exo_page_unmap(int env, uint va);
uint exo_pte(int env, uint va);
int  exo_exofork(void);
int  exo_env_run(int env);
int  exo_set_upcall(int env, void *va);
int  exo_resume(struct exoframe *f);
int  exo_pct(int env, uint w0, uint w1, uint w2);
int  exo_recv(uint *words);                         // words: 3, or 0
int  exo_yield(void);
int  exo_notify(int env);
int  exo_page_pass(int env, uint dstva, uint srcva, uint perm);
int  exo_env_setframe(int env, struct exoframe *f);
int  exo_env_name(int env, char *name);
int  exo_disk_bind(uint block, uint n);
int  exo_disk_read(uint block, void *va);
int  exo_disk_write(uint block, void *va);
int  exo_disk_grant(int env);
int  exo_disk_info(uint block);
int  exo_cons_read(char *buf, uint n);
void libos_upcall(void);

// the exposed information, read without a system call
#define exoinfo   ((volatile struct exoinfo *)UINFO)
#define exoowner  ((volatile unsigned char *)(UINFO + 4096))
#define uvpt      ((volatile uint *)UVPT)           // uvpt[va >> 12]: our entry for va
#define uvpd      ((volatile uint *)UVPD)           // uvpd[va >> 22]: PTE_P if uvpt has it

// libos.c
typedef void (*exo_handler)(struct exoframe *f);
extern volatile struct exoenvinfo *thisenv;        // our entry in the exposed env table
int  libos_getenvid(void);                         // our id, without a system call
void libos_findenv(void);                          // set thisenv (at start, and in a forked child)
void libos_init(void);
int  libos_freepage(void);                          // a free ppn, or -1
extern uint *libos_pagehint;                        // where libos_freepage's search resumes
int  libos_alloc_map(uint va, uint perm);           // bind some free page and map it: its ppn
uint libos_pte(uint va);                            // our mapping at va, or 0 (no system call)
void libos_set_handler(uint cause, exo_handler h);  // T_* or EXO_REVOKE; 0: the env dies of it
void libos_exception(struct exoframe *f);
#define LIBOS_SCRATCH 0xDFFFF000                    // a free address to copy pages through

// each kind of program provides these (libos/bare, or libos/unix)
void libos_exit(int status);                        // flush output, end the program
void libos_flush(void);                             // write out buffered output
int  libos_dumbfork(void);                          // bare: exofork + copy every page: child id, 0 in it
int  libos_dumbfork_stopped(void);                  // bare: the same, the child not started yet
int  libos_reclaim(void);                           // bare: free the pages bound for ended children

#endif // MINOS_LIBOS_H
