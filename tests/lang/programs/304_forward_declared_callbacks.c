#include <stdio.h>

static int on_open(int);
static int on_close(int);

struct handler { const char *event; int (*fn)(int); };

static const struct handler handlers[] = {
    {"open", on_open},
    {"close", on_close},
    {0, 0},
};

static int opened;

static int on_open(int fd) { opened++; return fd + 100; }
static int on_close(int fd) { opened--; return -fd; }

int main(void)
{
    const struct handler *h;
    int fd = 3;
    for (h = handlers; h->event; h++) {
        int r = h->fn(fd);          /* before the printf: argument order is unspecified */
        printf("%s -> %d (opened %d)\n", h->event, r, opened);
    }
    return 0;
}
