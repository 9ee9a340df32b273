#include <stdio.h>

/* Free-running unsigned indexes: head - tail is the fill level even after they wrap. */
#define SIZE 4u

static char buf[SIZE];
static unsigned head = 0xFFFFFFFEu, tail = 0xFFFFFFFEu;

static int put(char c)
{
    if (head - tail == SIZE)
        return 0;
    buf[head++ % SIZE] = c;
    return 1;
}

static int get(void)
{
    if (head == tail)
        return -1;
    return buf[tail++ % SIZE];
}

int main(void)
{
    const char *msg = "ringbuffer";
    int i, c;
    for (i = 0; msg[i]; i++) {
        if (!put(msg[i])) {
            while ((c = get()) >= 0)
                putchar(c);
            putchar('|');
            put(msg[i]);
        }
    }
    while ((c = get()) >= 0)
        putchar(c);
    printf("\n%u %u\n", head, tail);
    return 0;
}
