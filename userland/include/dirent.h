/* dirent.h: reading directories, the POSIX way.
 *
 *     DIR *d = opendir(path);            0 and errno (ENOENT, ENOTDIR, ...) on failure
 *     struct dirent *e;
 *     while ((e = readdir(d)) != 0)      every used entry, "." and ".." too,
 *         printf("%s\n", e->d_name);     in the order they are in the directory
 *     closedir(d);
 *
 * On disk a directory is a file of fixed-size records, the kernel's
 * `struct dirent` of kernel/include/unix/fs.h (inum 0 marks a free slot; a name
 * of exactly DIRSIZ bytes has no 0). Here that record is renamed
 * `struct fs_dirent`, so that `struct dirent` is POSIX's: d_ino and a
 * NUL-terminated d_name. readdir's result points into the DIR and is
 * overwritten by the next readdir on it. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include "types.h"
#define dirent fs_dirent
#include "fs.h"
#undef dirent

struct dirent {
    unsigned int d_ino;         /* the inode number */
    char d_name[DIRSIZ + 1];    /* the name, always NUL-terminated */
};

typedef struct {
    int fd;                     /* the directory, open for reading */
    struct dirent entry;        /* what readdir returns */
} DIR;

DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
int dirfd(DIR *dir);

#endif
