// waitcheck COMMAND [ARGS]: run COMMAND and report every process it
// started but never waited for. The lab graders run pingpong, primes and
// xargs under it.
//
// A process whose parent exits without waiting for it is handed to init,
// which collects it when it exits. While the file /.waitcheck exists,
// init reports each process it collects that way on the console:
//     waitcheck: pid N exited after its parent, which never waited for it
// So waitcheck creates /.waitcheck, runs COMMAND in a new process group
// (every process COMMAND forks inherits it), waits for COMMAND, then waits
// until no process of the group is left (at most LINGER ticks; one still
// running then is reported here), removes /.waitcheck and exits with
// COMMAND's status.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <minos.h>

#define MAXPROCS 64             // at least the kernel's process slots (NPROC, kernel/mono/monoparam.h)
#define LINGER 100              // ticks to wait for the group's last processes
#define FLAG "/.waitcheck"

static struct procinfo procs[MAXPROCS];

// How many processes of group pgid are there; reports them if `say`.
static int left_in(int pgid, int say)
{
    int i, n = getprocs(procs, MAXPROCS), left = 0;

    for (i = 0; i < n; i++) {
        if (procs[i].pgid != pgid)
            continue;
        left++;
        if (say)
            fprintf(stderr, "waitcheck: pid %d (%s) still running, and its parent never "
                    "waited for it\n", procs[i].pid, procs[i].name);
    }
    return left;
}

int main(int argc, char **argv)
{
    int pid, status = 0, fd, t;

    if (argc < 2)
        die("usage: waitcheck COMMAND [ARGS]");
    fd = open(FLAG, O_CREATE | O_WRONLY);
    if (fd < 0)
        die("waitcheck: %s: %s", FLAG, strerror(errno));
    close(fd);
    flushall();
    pid = fork();
    if (pid < 0)
        die("waitcheck: fork: %s", strerror(errno));
    if (pid == 0) {
        setpgid(0, 0);
        execvp(argv[1], argv + 1);
        die("waitcheck: %s: %s", argv[1], strerror(errno));
    }
    setpgid(pid, pid);          // also here: the child may not have run yet
    waitpid(pid, &status, 0);
    for (t = 0; t < LINGER && left_in(pid, 0) > 0; t++)
        sleep(1);
    left_in(pid, 1);
    unlink(FLAG);
    return status;
}
