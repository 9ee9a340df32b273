// mono.h: what kernel/mono's files provide to each other — the
// monolithic kernel's own list, beside core's defs.h. (What mono gives
// core is declared in personality.h.)

#ifndef MINOS_MONO_H
#define MINOS_MONO_H

#include "fsport.h"

struct buf;
struct proc;
struct file;
struct inode;
struct pipe;
struct stat;
struct superblock;

// disk.c — the disk driver (its diskrw is the file-system core's
// block device: fsport.h)
void            diskinit(void);
void            diskintr(void);                     // the T_DISK interrupt (irq_register)

// bio.c, log.c, fs.c — the file-system core: fsport.h declares what
// they offer and what mono provides them (the same sources build the
// microkernel's file-system server)

// file.c — open files (filealloc and fileclose are in fsport.h: the fs
// core opens files too)
void            fileinit(void);
struct file *   filedup(struct file *f);
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
struct inode *  fs_cwd(void);        // the calling process's directory (fsport.h)
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
