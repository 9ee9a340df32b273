// ps: list the processes: pid, parent, state, core and name.
#include <stdio.h>
#include <unistd.h>

#define MAX 64

static char *state_name(int s)
{
    switch (s) {
    case PROC_USED: return "used";
    case PROC_SLEEPING: return "sleep";
    case PROC_RUNNABLE: return "runble";
    case PROC_RUNNING: return "run";
    case PROC_ZOMBIE: return "zombie";
    }
    return "?";
}

static struct procinfo procs[MAX];

int main(void)
{
    int n, i;

    n = getprocs(procs, MAX);
    if (n < 0) {
        fprintf(stderr, "ps: cannot list processes\n");
        return 1;
    }
    printf("  PID  PPID STATE  CORE NAME\n");
    for (i = 0; i < n; i++)
        printf("%5d %5d %-6s %4d %s\n", procs[i].pid, procs[i].ppid,
               state_name(procs[i].state), procs[i].core, procs[i].name);
    return 0;
}
