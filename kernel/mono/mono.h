// mono.h: what kernel/mono's files provide to each other — the
// monolithic kernel's own list, beside core's defs.h. (What mono gives
// core is declared in personality.h.)

#ifndef MINOS_MONO_H
#define MINOS_MONO_H

struct buf;
struct proc;
struct file;
struct inode;
struct pipe;
struct stat;
struct superblock;

// disk.c — the disk driver
void            diskinit(void);
void            diskrw(struct buf *b, int write);   // sleeps until done
void            diskintr(void);                     // the T_DISK interrupt (irq_register)

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
void            fsinit(int dev);     // from the first process (it sleeps on the disk)
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

// file.c — open files
void            fileinit(void);
struct file *   filealloc(void);
struct file *   filedup(struct file *f);
void            fileclose(struct file *f);
int             filestat(struct file *f, uint addr);
int             fileread(struct file *f, uint addr, int n);
int             filewrite(struct file *f, uint addr, int n);

// pipe.c
int             pipealloc(struct file **f0, struct file **f1);
void            pipeclose(struct pipe *pi, int writable);
int             piperead(struct pipe *pi, uint addr, int n);
int             pipewrite(struct pipe *pi, uint addr, int n);

// console.c — the console device file and its line discipline
void            consoleinit(void);
void            consoleintr(int c);  // one received byte (from the T_CONSOLE interrupt)
int             consoleroom(void);   // may it take one more byte? (consoleirq)
void            consputc(int c);     // echo one byte (kernel printf may use uartputc directly)

// devnull.c
void            devnullinit(void);

// sysfile.c — the file system calls (kernel/mono/syscall.c dispatches)
int             sys_dup(void);
int             sys_dup2(void);
int             sys_read(void);
int             sys_write(void);
int             sys_close(void);
int             sys_fstat(void);
int             sys_link(void);
int             sys_unlink(void);
int             sys_open(void);
int             sys_mkdir(void);
int             sys_mknod(void);
int             sys_chdir(void);
int             sys_pipe(void);
int             sys_getcwd(void);

// proc.c — processes
void            procinit(void);
int             fork(void);
void            exit(int status);
int             wait(uint addr);
int             waitpid(int pid, uint addr, int options);
int             kill(int pid);
int             killpgrp(int pgid);
int             setprio(int pid, int prio);
int             setpgid(int pid, int pgid);
int             getpgid(int pid);
int             getppid(void);
void            tcsetpgrp(int pgid);
int             tcgetpgrp(void);
int             nprocs(void);
int             getprocs(uint addr, int max);
int             procvmprint(int pid);

// exec.c
int             exec(char *path, char **argv);

// syscall.c
void            argint(int n, int *ip);
void            argaddr(int n, uint *ap);
int             argstr(int n, char *buf, int max);
int             fetchaddr(uint addr, uint *ip);
int             fetchstr(uint addr, char *buf, int max);

#endif // MINOS_MONO_H
