// fsport.h: the file-system core's port — what kernel/mono's bio.c,
// log.c, fs.c and fsops.c offer, and EVERYTHING they use from the place
// they are compiled in (their "home"). The four files include this
// header and the file-system formats (fs.h, buf.h, file.h, stat.h,
// fcntl.h, errnum.h), and nothing else: no process, no thread, no
// device, no descriptor table.
//
// One source, several homes:
//   kernel/mono   ring 0. Locks and sleep are core's (kernel/core), the
//                 disk is mono's driver (disk.c), the caller is the
//                 running process (proc.c: fs_cwd).
//   servers/fs    the microkernel's file-system server, a user process.
//                 Its port (servers/fs/port.c) sends the disk requests
//                 as messages to the disk driver, and the caller is the
//                 client whose request it is serving. Its worker threads
//                 take turns on the core under one server lock, which a
//                 disk call, sleep() and a busy sleep-lock let go
//                 (servers/fs/worker.c).
//   libos/unix    the exokernel's Unix library OS, linked into every
//                 program (libos/unix/fsport.c). The core's tables lie at
//                 one fixed address in every program, in pages all the
//                 processes of the Unix share; locks are words of those
//                 pages, a wait is a yield, the disk is the blocks the
//                 Unix binds (EXO_disk_read/EXO_disk_write), the caller
//                 is the process the library runs in. Its C library
//                 has a sleep(ticks) of its own, so the core (and
//                 core's sleeplock.c, which it links too) are compiled
//                 with sleep renamed fssleep (shell/build.py exo_fscore).
//
// What a home provides:
//   - struct spinlock and struct sleeplock (spinlock.h, sleeplock.h on
//     its include path: mono's are core's), and the functions below;
//   - the table sizes NBUF and NINODE, and MAXPATH (monoparam.h).
//
// The rules the core keeps, which a home may rely on:
//   - it sleeps (sleep, acquiresleep, diskrw) only between begin_op and
//     end_op, or holding no spinlock: never with a spinlock held other
//     than the one it passes to sleep();
//   - it touches a caller's memory only through either_copyin and
//     either_copyout with user set (readi/writei with user_dst/user_src);
//     with user 0 the address is the core's own memory;
//   - it names the caller's directory only through fs_cwd(), for a path
//     that does not start with '/'.

#ifndef MINOS_FSPORT_H
#define MINOS_FSPORT_H

#include "types.h"

struct buf;
struct file;
struct inode;
struct spinlock;
struct sleeplock;
struct stat;
struct superblock;

// ================= what the file-system core offers

// bio.c — the buffer cache
void            binit(void);
struct buf *    bread(uint dev, uint blockno);
void            bwrite(struct buf *b);
void            brelse(struct buf *b);
void            bpin(struct buf *b);
void            bunpin(struct buf *b);

// log.c — the write-ahead log
void            initlog(int dev, struct superblock *sb);
void            begin_op(void);
void            end_op(void);
void            log_write(struct buf *b);

// fs.c — inodes, directories, path names
void            fsinit(int dev);     // mount: reads the disk, so it may sleep
void            iinit(void);
struct inode *  ialloc(uint dev, int type, int *err);
struct inode *  iget(uint dev, uint inum);
struct inode *  idup(struct inode *ip);
void            ilock(struct inode *ip);
void            iunlock(struct inode *ip);
void            iput(struct inode *ip);
void            iunlockput(struct inode *ip);
void            iupdate(struct inode *ip);
void            itrunc(struct inode *ip);
void            stati(struct inode *ip, struct stat *st);
int             readi(struct inode *ip, int user_dst, uint dst, uint off, uint n);
int             writei(struct inode *ip, int user_src, uint src, uint off, uint n);
int             namecmp(const char *s, const char *t);
struct inode *  dirlookup(struct inode *dp, char *name, uint *poff, int *err);
int             dirlink(struct inode *dp, char *name, uint inum);
int             isdirempty(struct inode *dp);
struct inode *  namei(char *path, int *err);
struct inode *  nameiparent(char *path, char *name, int *err);
int             inodepath(struct inode *dir, char *buf, int n);

// fsops.c — what system calls do with path names and open files
int             fslink(char *old, char *new);
int             fsunlink(char *path);
struct inode *  openi(char *path, int omode, int *err);   // inside a transaction
void            fileopeni(struct file *f, struct inode *ip, int omode);
int             fileopen(char *path, int omode, int (*install)(struct file *f));
int             fsmkdir(char *path);
int             fsmknod(char *path, int major, int minor);
int             fschdir(char *path, struct inode **cwd);
int             inoderead(struct file *f, int user, uint addr, int n);
int             inodewrite(struct file *f, int user, uint addr, int n);

// ================= what its home provides

// The block device: read block b->blockno of b->dev into b->data (write
// 0), or write b->data to it; return when the transfer is done. The
// caller holds b->lock. A disk that fails is the home's to report.
void            diskrw(struct buf *b, int write);

// The caller: its current directory (a referenced inode, which the
// core idup()s for a relative path), and its memory. either_* copy
// between the core's memory and the caller's (user 1) or the core's own
// (user 0); they return 0, or -1 if the caller's address is bad.
struct inode *  fs_cwd(void);
int             either_copyout(int user_dst, uint dst, void *src, uint len);
int             either_copyin(void *dst, int user_src, uint src, uint len);

// The open-file table (mono: file.c): a new open file with one
// reference and no type (0 if the table is full), and letting one go.
struct file *   filealloc(void);
void            fileclose(struct file *f);

// Locks. A spinlock guards a table for a moment; sleep(chan, lk) gives
// up lk, waits for wakeup(chan), and takes lk again. A sleep-lock is
// held across a disk transfer.
void            initlock(struct spinlock *lk, char *name);
void            acquire(struct spinlock *lk);
void            release(struct spinlock *lk);
void            sleep(void *chan, struct spinlock *lk);
void            wakeup(void *chan);

void            initsleeplock(struct sleeplock *lk, char *name);
void            acquiresleep(struct sleeplock *lk);
void            releasesleep(struct sleeplock *lk);
int             holdingsleep(struct sleeplock *lk);

// Reporting: printf for a message, panic for a broken invariant (the
// core found its own tables or the disk inconsistent); panic does not
// return.
void            printf(char *fmt, ...);
void            panic(char *s);

// Memory and strings, as in C's library.
void *          memset(void *dst, int c, uint n);
void *          memmove(void *dst, const void *src, uint n);
int             strncmp(const char *p, const char *q, uint n);
char *          strncpy(char *s, const char *t, int n);

#endif // MINOS_FSPORT_H
