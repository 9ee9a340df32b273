#include <stdio.h>

#define CAP 8

struct stack { int items[CAP]; int top; };
struct queue { int items[CAP]; int head, tail, count; };

static int spush(struct stack *s, int v)
{
    if (s->top == CAP) return 0;
    s->items[s->top++] = v;
    return 1;
}

static int spop(struct stack *s) { return s->items[--s->top]; }

static int enqueue(struct queue *q, int v)
{
    if (q->count == CAP) return 0;
    q->items[q->tail] = v;
    q->tail = (q->tail + 1) % CAP;
    q->count++;
    return 1;
}

static int dequeue(struct queue *q)
{
    int v = q->items[q->head];
    q->head = (q->head + 1) % CAP;
    q->count--;
    return v;
}

int main(void)
{
    struct stack s = {{0}, 0};
    struct queue q = {{0}, 0, 0, 0};
    int i, pushed = 0;
    for (i = 0; i < 10; i++)
        pushed += spush(&s, i * i);
    printf("pushed %d:", pushed);
    while (s.top)
        printf(" %d", spop(&s));
    printf("\n");
    for (i = 0; i < 6; i++)
        enqueue(&q, i);
    for (i = 0; i < 4; i++)
        printf("%d ", dequeue(&q));
    for (i = 10; i < 20; i++)
        if (!enqueue(&q, i))
            printf("full at %d ", i);
    while (q.count)
        printf("%d ", dequeue(&q));
    printf("\n");
    return 0;
}
