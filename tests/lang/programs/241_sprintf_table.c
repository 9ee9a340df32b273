#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[80];
    const char *names[] = {"init", "sh", "editor"};
    int pids[] = {1, 12, 305};
    int mem[] = {4, 64, 1024};
    int i;
    sprintf(line, "%-8s|%5s|%6s", "NAME", "PID", "MEM");
    puts(line);
    memset(line, '-', 21);
    line[21] = 0;
    puts(line);
    for (i = 0; i < 3; i++) {
        int n = sprintf(line, "%-8s|%5d|%5dK", names[i], pids[i], mem[i]);
        printf("%s (%d)\n", line, n);
    }
    return 0;
}
