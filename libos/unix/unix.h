// unix.h: the Unix library OS (libos/unix), linked into every Unix
// program on the exokernel under libc (userland/lib/backend/exo).
//
// The exokernel knows environments, pages and disk blocks; Unix's
// processes, pids, open files and pipes are this library's. Each Unix
// process is one environment. What the processes of one Unix must all
// see lives in the SHARED REGION: NSHARED pages at USHARED, bound by the
// first process (init) and passed on to every child (EXO_page_pass,
// writable), so every process of the Unix maps the same physical pages:
//   - the process table (pid, parent, state, exit status, kill flag,
//     process group, name, and the open-file descriptors, which exec
//     keeps: a new program is a new environment, the pid stays);
//   - the open-file table (console, /dev/null, pipe ends, and files of
//     the file system: each holds the core's struct file, its inode and
//     offset; reference counts: fork and dup share an entry, and its
//     offset);
//   - the pipes' buffers, and the console's line being typed;
//   - the memory counters vmstats reports, and the count of
//     copy-on-write mappings of every page (the library's own record
//     of its page tables: proc.c).
// One lock, a spinlock on a word of the region (swap), guards it all;
// a process that must wait (wait, a pipe) releases it and yields.
//
// The file system is kernel/mono's core (bio.c, log.c, fs.c, fsops.c),
// linked into every program with its tables (buffer cache, inodes, log)
// at the fixed address _fixed (shell/build.py UNIX_FSCORE), in pages the
// Unix's processes share as they share this region (fsport.c). Its locks
// are its own; the order is: the core's locks, then ulock — never the
// core while holding ulock (a file's last close releases its inode after
// uunlock).
//
// Invariants (under the lock): a proc slot is free iff state == UP_FREE;
// an open file's ref counts the descriptors naming it in every slot; a
// pipe is used iff one of its ends is open.

#ifndef MINOS_UNIX_H
#define MINOS_UNIX_H

#include "libos.h"
#include "syscall.h"
#include "stat.h"
#include "errnum.h"
#include "unixlimits.h"
#include "file.h"

#define USHARED     0xD0000000   // the shared region (see above)
#define NSHARED     10           // its pages (unix_start checks struct ushared fits)
#define NUPROC      32           // processes of one Unix
#define NUFD        16           // descriptors per process (NOFILE on mono)
#define NUFILE      64           // open files of the Unix
#define NUPIPE      16
#define UPIPESIZE   512
#define LIBOS_PTE_COW 0x100      // an EXO_PTE_LIB bit: a copy-on-write page

enum { UP_FREE, UP_EMBRYO, UP_RUN, UP_ZOMBIE };
enum { UF_FREE, UF_CONSOLE, UF_NULL, UF_PIPE, UF_INODE };

struct uproc {
  int state;              // UP_*
  int pid;
  int ppid;               // 0 for init
  int pgid;
  int env;                // the environment running it (exec changes it)
  int status;             // exit status, for wait
  int killed;             // kill() was called: it ends at its next library call
  uint chan;              // what it sleeps on (usleep, proc.c), or 0
  int fd[NUFD];           // index + 1 in files[]; 0: closed
  struct inode *cwd;      // the current directory (a reference; 0 until the fs is up)
  char name[16];
};

struct ufile {
  struct file f;          // UF_INODE: the core's open file (first: fsport.c's filealloc)
  int type;               // UF_*
  int ref;
  int readable;
  int writable;
  int pipe;               // UF_PIPE: index in pipes[]
};

struct upipe {
  int readers;            // open read ends (descriptors naming them)
  int writers;
  uint nread;             // bytes read and written, ever: data is [nread, nwrite)
  uint nwrite;
  char data[UPIPESIZE];
};

#define UCONSBUF    128

struct ucons {            // the console's line discipline (file.c)
  char buf[UCONSBUF];
  uint r;                 // next byte a read returns
  uint w;                 // end of the completed lines
  uint e;                 // end of the line being edited
};

struct ushared {
  int lock;               // swap spinlock (ulock, uunlock)
  int nextpid;
  int fgpgid;             // the console's foreground process group (tcsetpgrp)
  struct vmstats vm;      // freepages is read from the exposed page when asked
  struct uproc procs[NUPROC];
  struct ufile files[NUFILE];
  struct upipe pipes[NUPIPE];
  struct ucons cons;
  uint pagehint;          // where the search for a free page resumes (libos_freepage)
  uint fsbase;            // the file system's first disk block (after the boot bundle)
  int fswaiters;          // processes in the file-system core's sleep (fsport.c)
  int cowref[EXO_MAXPPN]; // copy-on-write mappings of each physical page (proc.c)
};

#define ux ((struct ushared *)USHARED)

// proc.c
extern struct uproc *myproc;       // our slot (found at start, after fork and exec)
void   unix_start(int argc, char **argv);
void   ulock(void);
void   uunlock(void);
int    uyield(void);               // release the lock, yield, take it again; -EINTR if killed
int    usleep(void *chan);         // release the lock until uwakeup(chan); -EINTR if killed
void   uwakeup(void *chan);        // wake the processes sleeping on chan (caller holds the lock)
void   unix_killproc(struct uproc *p);   // kill p (caller holds the lock)
int    ukilled(void);
int    unix_fork(void);
void   unix_exit(int status);
int    unix_waitpid(int pid, int *status, int options);
int    unix_kill(int pid);
int    unix_getpid(void);
int    unix_getppid(void);
int    unix_setpgid(int pid, int pgid);
int    unix_getpgid(int pid);
int    unix_tcsetpgrp(int pgid);
int    unix_tcgetpgrp(void);
int    unix_sleep(int ticks);
int    unix_uptime(void);
int    unix_getprocs(struct procinfo *buf, int max);
int    unix_vmstats(struct vmstats *st);
char * unix_sbrk(int n);
void   unix_halt(int status);
int    unix_passshared(int env);   // map the shared region in a child
int    unix_equip(int env);        // a child's exception stack, upcall, disk domain, shared region
void   unix_dropall(void);         // we let go of our copy-on-write mappings (exit, exec)
void   unix_setname(struct uproc *p, char *path);
// proc.c's, for mem.c
int    unix_myslot(void);          // our value in the owner table
void   unix_findself(void);        // myproc: our process-table entry
void   unix_releaseall(struct uproc *p, int keep);   // p's files and cwd go
void   unix_pagefault(struct exoframe *f);   // mem.c: the copy-on-write fault handler
int    unix_reclaim(void);         // free the pages we own that no one maps: how many
extern int unix_building;          // exec is building a program: no reclaim now
int    uatomic_add(int *p, int d); // atomic.S: *p += d; returns the new value
int    uonstack(int (*fn)(int), int arg, uint sp);   // atomic.S: fn(arg) on the stack at sp

// exec.c
int    unix_exec(char *path, char **argv);

// fsport.c (the file-system core's home; fsport.h has the rest)
void   unix_fsinit(void);          // init: map the core's tables, bind the disk, mount
int    unix_passfs(int env);       // map the core's tables in a child
void   unix_fsdup(struct inode *ip);     // one more reference to an inode
void   unix_fsput(struct inode *ip);     // let go of an inode reference (a transaction)
int    uaccess(uint va, uint n, int write);   // 1 if our memory [va, va+n) may be read (written)
int    ufetchstr(char *dst, char *src, int max);   // a string of ours, checked: its length or -errno
struct inode *unix_imgopen(char *path, int *err);  // exec's image: a regular file's inode
int    unix_imgread(struct inode *ip, char *dst, uint off, uint n);

// file.c

void   unix_fileinit(void);        // init: descriptors 0-2 on the console
int    unix_closeall(struct uproc *p, struct inode **ips);   // caller holds the lock; inodes to put
void   unix_spin(volatile uint *w);      // proc.c: take / give back a spinlock word
void   unix_unspin(volatile uint *w);
void   unix_dupall(struct uproc *p);     // fork: p's files gain a reference each
int    unix_open(char *path, int flags);
int    unix_read(int fd, void *buf, int n);
int    unix_write(int fd, void *buf, int n);
int    unix_close(int fd);
int    unix_dup(int fd);
int    unix_dup2(int oldfd, int newfd);
int    unix_pipe(int fd[2]);
int    unix_fstat(int fd, struct stat *st);
int    unix_link(char *old, char *new);
int    unix_unlink(char *path);
int    unix_mkdir(char *path);
int    unix_mknod(char *path, int major, int minor);
int    unix_chdir(char *path);
int    unix_getcwd(char *buf, int size);

#endif // MINOS_UNIX_H
