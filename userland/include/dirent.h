/* dirent.h: reading directories. A directory is a file of struct dirent
 * records (kernel/include/unix/fs.h); inum 0 marks a free slot. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include "types.h"
#include "fs.h"

/* Reads the next used entry of the open directory fd into *de, with its
 * name NUL-terminated in name (DIRSIZ+1 bytes). 1 = got one, 0 = end. */
int readdir(int fd, struct dirent *de, char *name);

#endif
