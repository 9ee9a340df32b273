// fs_defs.h: what the file-system side of the kernel (kernel/mono:
// disk.c bio.c log.c fs.c file.c pipe.c console.c sysfile.c) provides to
// the rest of the kernel. defs.h includes it.

#ifndef MINOS_FS_DEFS_H
#define MINOS_FS_DEFS_H

struct buf;
struct file;
struct inode;
struct pipe;
struct stat;
struct superblock;

// disk.c — the disk driver
void            diskinit(void);
void            diskrw(struct buf *b, int write);   // sleeps until done
void            diskintr(void);                     // trap.c: cause T_DISK

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
struct inode *  ialloc(uint dev, int type);
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
struct inode *  dirlookup(struct inode *dp, char *name, uint *poff);
int             dirlink(struct inode *dp, char *name, uint inum);
int             isdirempty(struct inode *dp);
struct inode *  namei(char *path);
struct inode *  nameiparent(char *path, char *name);
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
void            consoleintr(int c);  // uart.c: one received byte
int             consoleroom(void);   // uart.c: may it take one more byte?
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

#endif // MINOS_FS_DEFS_H
