// svc: the services of the microkernel and their reincarnation server.
//
//   svc              list the services: name, task and endpoint (their
//                    slots in rs, the same across restarts), state,
//                    restarts, and how the last instance ended
//   svc kill NAME    kill a service; rs restarts it (pm cannot be killed:
//                    its death would end the system)
//
// Only micro has services (servers/rs/rs.c, docs/micro.md): on mono and
// exo svcinfo() fails with ENOSYS, and svc says so.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static char *states[] = { "-", "up", "restarting", "dead" };
static char *whys[] = { "-", "ended", "killed", "hung" };

static char *
name(char **names, int n, int i)
{
    return i >= 0 && i < n ? names[i] : "?";
}

static int
fail(char *what, char *arg)
{
    if (errno == ENOSYS)
        fprintf(stderr, "svc: this kernel has no services (micro's reincarnation server keeps them)\n");
    else if (errno == ENOENT)
        fprintf(stderr, "svc: %s: no such service\n", arg);
    else if (errno == EPERM)
        fprintf(stderr, "svc: %s: cannot be killed (the system would end with it)\n", arg);
    else if (errno == EAGAIN)
        fprintf(stderr, "svc: %s: not running (being restarted, or given up)\n", arg);
    else
        fprintf(stderr, "svc: %s: error %d\n", what, errno);
    return 1;
}

static int
list(void)
{
    struct svcinfo s;
    int i;

    for (i = 0; svcinfo(i, &s) == 0; i++) {
        if (i == 0)
            printf("NAME     TASK  EP  STATE       RESTARTS  LAST END\n");
        printf("%-8s %4d %3d  %-11s %8d  %s\n", s.name, s.task, s.endpoint,
               name(states, 4, s.state), s.restarts, name(whys, 4, s.why));
    }
    if (errno != ENOENT || i == 0)
        return fail("svcinfo", "");
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc == 1)
        return list();
    if (argc == 3 && strcmp(argv[1], "kill") == 0) {
        if (svckill(argv[2]) < 0)
            return fail("kill", argv[2]);
        printf("svc: %s killed\n", argv[2]);
        return 0;
    }
    fprintf(stderr, "usage: svc [kill NAME]\n");
    return 2;
}
