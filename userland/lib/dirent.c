/* dirent.c: reading directory entries. */
#include <string.h>
#include <unistd.h>
#include <dirent.h>

int readdir(int fd, struct dirent *de, char *name)
{
    while (read(fd, de, sizeof *de) == (int)sizeof *de) {
        if (de->inum == 0)
            continue;
        memmove(name, de->name, DIRSIZ);
        name[DIRSIZ] = 0;
        return 1;
    }
    return 0;
}
