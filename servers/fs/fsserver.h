// fsserver.h: what the fs server's files share (servers/fs/).

#ifndef MINOS_FSSERVER_H
#define MINOS_FSSERVER_H

#include "monoparam.h"

// A client process as the server knows it: what mono keeps in struct
// proc for the file system. Keyed by the badge of its capability (its
// pid, given by pm; the root task's own capability has badge 0).
struct fsproc {
  int used;
  uint pid;
  struct file *ofile[NOFILE];   // its descriptors
  struct inode *cwd;            // its current directory
};

extern struct fsproc *caller;   // the process whose request is being served
extern int diskcalls;           // port.c: requests sent to the disk driver

#endif // MINOS_FSSERVER_H
