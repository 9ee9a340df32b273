// schedtest: CPU-bound workloads that show what the scheduler does
// (lab sched, labs/sched/README.md).
//
//   schedtest spread N WORK   N children each burn WORK units of CPU time
//                             (a unit is about one clock tick); then, for
//                             each core, what it did meanwhile: cycles
//                             spent running processes, context switches,
//                             steals, and migrations (processes it ran
//                             that had last run on another core)
//   schedtest prio P1 P2 ...  one child per priority, all spinning; over
//                             WINDOW ticks, the cycles each one ran and
//                             its share of the total, in per mille
//
// It prints figures and judges nothing; `minos grade sched` does.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXCHILD 32
#define MAXCORE 16
#define NPROCS 64               // getprocs() entries: as many as the kernel has slots
#define MAXPROC 64      // the kernel's NPROC
#define UNIT 1000       // loop rounds in a unit of work: about 10,000 cycles
#define WARMUP 10       // ticks before the prio measurement starts
#define WINDOW 300      // ticks the prio measurement lasts

static int sink;        // the work's result, so that it is not dead code

static void burn(int units)
{
    int i, j;
    for (i = 0; i < units; i++)
        for (j = 0; j < UNIT; j++)
            sink = sink + j;
}

static int usage(void)
{
    fprintf(stderr, "usage: schedtest spread N WORK | schedtest prio P1 P2 ...\n");
    return 2;
}

// The number of cores: cpuinfo() fails past the last one. (Not sysinfo():
// lab syscall's student tree does not have it yet.)
static int ncores(void)
{
    struct cpuinfo info;
    int n = 0;
    while (n < MAXCORE && cpuinfo(n, &info) == 0)
        n++;
    return n;
}

static struct cpuinfo before[MAXCORE], after[MAXCORE];
static int pids[MAXCHILD];
static unsigned int ran[MAXCHILD];

static void stop(int n)
{
    int i;
    for (i = 0; i < n; i++) {
        kill(pids[i]);
        wait(0);
    }
}


static struct procinfo procs[NPROCS];

// The number of processes in the system.
static int nprocs(void)
{
    return getprocs(procs, NPROCS);
}

// The children start their work together, once all of them exist (the
// forks take the parent about ten ticks each, copying its memory), and
// the measurement starts then too. (If another process ends meanwhile,
// the count is never reached: they give up waiting after a deadline.) It ends when every child has
// finished its work; each child says so by writing a byte to a pipe,
// which costs the parent less than reaping it would.
static int spread(int n, int work)
{
    int i, all, deadline, start, ncpu = ncores();
    int done[2];
    char c;

    if (n < 1 || n > MAXCHILD || work < 1) {
        fprintf(stderr, "schedtest: spread needs 1..%d children and WORK >= 1\n", MAXCHILD);
        return 2;
    }
    if (pipe(done) < 0) {
        fprintf(stderr, "schedtest: pipe failed\n");
        return 1;
    }
    all = nprocs() + n;
    deadline = uptime() + 50 * n;
    for (i = 0; i < n; i++) {
        pids[i] = fork();
        if (pids[i] < 0) {
            fprintf(stderr, "schedtest: fork failed\n");
            stop(i);
            return 1;
        }
        if (pids[i] == 0) {
            while (nprocs() < all && uptime() < deadline)
                ;
            burn(work);
            write(done[1], "x", 1);
            exit(0);
        }
    }
    for (i = 0; i < ncpu; i++)
        cpuinfo(i, &before[i]);
    start = uptime();
    for (i = 0; i < n; i++)
        read(done[0], &c, 1);
    for (i = 0; i < ncpu; i++)
        cpuinfo(i, &after[i]);
    printf("spread: %d children of %d units, the last %d ticks:\n", n, work, uptime() - start);
    for (i = 0; i < ncpu; i++)
        printf("core %d: busy %u switches %u steals %u migrations %u\n", i,
               after[i].busycycles - before[i].busycycles,
               after[i].nswitch - before[i].nswitch,
               after[i].nsteal - before[i].nsteal,
               after[i].nmigrate - before[i].nmigrate);
    for (i = 0; i < n; i++)
        wait(0);
    close(done[0]);
    close(done[1]);
    return 0;
}

static struct procinfo procs[MAXPROC];

// The cycles process pid has run (up to its last switch), or 0.
static unsigned int cycles_of(int pid)
{
    int i, n = getprocs(procs, MAXPROC);
    for (i = 0; i < n; i++)
        if (procs[i].pid == pid)
            return procs[i].cycles;
    return 0;
}

static int prio(int n, char **prios)
{
    int i, p;
    unsigned int total = 0;

    if (n < 1 || n > MAXCHILD)
        return usage();
    for (i = 0; i < n; i++) {
        p = atoi(prios[i]);
        pids[i] = fork();
        if (pids[i] < 0) {
            fprintf(stderr, "schedtest: fork failed\n");
            stop(i);
            return 1;
        }
        if (pids[i] == 0)
            for (;;)
                burn(1);
        if (setprio(pids[i], p) < 0) {
            fprintf(stderr, "schedtest: setprio(%d, %s) failed\n", pids[i], prios[i]);
            stop(i + 1);
            return 1;
        }
    }
    sleep(WARMUP);
    for (i = 0; i < n; i++)
        ran[i] = cycles_of(pids[i]);
    sleep(WINDOW);
    for (i = 0; i < n; i++) {
        ran[i] = cycles_of(pids[i]) - ran[i];
        total += ran[i];
    }
    stop(n);
    if (total < 1000) {
        fprintf(stderr, "schedtest: the children did not run\n");
        return 1;
    }
    for (i = 0; i < n; i++)
        printf("prio %d: cycles %u share %u\n", atoi(prios[i]), ran[i],
               ran[i] / (total / 1000));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "spread") == 0)
        return spread(atoi(argv[2]), atoi(argv[3]));
    if (argc >= 3 && strcmp(argv[1], "prio") == 0)
        return prio(argc - 2, argv + 2);
    return usage();
}
