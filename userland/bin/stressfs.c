// stressfs: several processes write and read back files at once.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NPROC 4
#define BLOCKS 20

static char data[512];

int main(void)
{
    char path[] = "stressfs0";
    int i, n, fd, bad = 0, st;

    printf("stressfs starting\n");
    for (i = 0; i < NPROC; i++)
        if (fork() == 0)
            break;
    if (i < NPROC) {
        path[8] = '0' + i;
        memset(data, 'a' + i, sizeof data);
        fd = open(path, O_CREATE | O_RDWR | O_TRUNC);
        for (n = 0; n < BLOCKS; n++)
            if (write(fd, data, sizeof data) != sizeof data)
                bad = 1;
        close(fd);
        fd = open(path, O_RDONLY);
        for (n = 0; n < BLOCKS; n++) {
            memset(data, 0, sizeof data);
            if (read(fd, data, sizeof data) != sizeof data || data[0] != 'a' + i ||
                data[511] != 'a' + i)
                bad = 1;
        }
        close(fd);
        unlink(path);
        _exit(bad);
    }
    for (i = 0; i < NPROC; i++) {
        st = 0;
        wait(&st);
        bad |= st;
    }
    printf(bad ? "stressfs FAILED\n" : "stressfs OK\n");
    return bad;
}
