// kill: end processes by pid.
#include <stdio.h>
#include <unistd.h>
#include <minos.h>

int main(int argc, char **argv)
{
    int i, pid, status = 0;

    if (argc < 2)
        die("usage: kill PID...");
    for (i = 1; i < argc; i++) {
        if (parse_int(argv[i], &pid) < 0) {
            fprintf(stderr, "kill: %s: arguments must be process ids\n", argv[i]);
            status = 1;
        } else if (kill(pid) < 0) {
            fprintf(stderr, "kill: (%d) - No such process\n", pid);
            status = 1;
        }
    }
    return status;
}
