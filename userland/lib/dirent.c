/* dirent.c: opendir, readdir, closedir (userland/include/dirent.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <dirent.h>

DIR *opendir(const char *path)
{
    struct stat st;
    DIR *dir;
    int fd;

    fd = open((char *)path, O_RDONLY);
    if (fd < 0)
        return 0;                       /* errno from open */
    if (fstat(fd, &st) < 0 || st.type != T_DIR) {
        close(fd);
        errno = ENOTDIR;
        return 0;
    }
    dir = malloc(sizeof *dir);
    if (dir == 0) {
        close(fd);
        errno = ENOMEM;
        return 0;
    }
    dir->fd = fd;
    return dir;
}

struct dirent *readdir(DIR *dir)
{
    struct fs_dirent de;

    while (read(dir->fd, &de, sizeof de) == (int)sizeof de) {
        if (de.inum == 0)
            continue;                   /* a free slot */
        dir->entry.d_ino = de.inum;
        memmove(dir->entry.d_name, de.name, DIRSIZ);
        dir->entry.d_name[DIRSIZ] = 0;
        return &dir->entry;
    }
    return 0;                           /* the end (errno unchanged) */
}

int closedir(DIR *dir)
{
    int r = close(dir->fd);
    free(dir);
    return r;
}

int dirfd(DIR *dir)
{
    return dir->fd;
}
