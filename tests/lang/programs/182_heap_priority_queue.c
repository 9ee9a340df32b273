#include <stdio.h>

static int heap[64];
static int size;

static void push(int v)
{
    int i = size++;
    heap[i] = v;
    while (i > 0 && heap[(i - 1) / 2] > heap[i]) {
        int p = (i - 1) / 2;
        int t = heap[p]; heap[p] = heap[i]; heap[i] = t;
        i = p;
    }
}

static int pop(void)
{
    int top = heap[0];
    int i = 0;
    heap[0] = heap[--size];
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < size && heap[l] < heap[m]) m = l;
        if (r < size && heap[r] < heap[m]) m = r;
        if (m == i)
            break;
        int t = heap[m]; heap[m] = heap[i]; heap[i] = t;
        i = m;
    }
    return top;
}

int main(void)
{
    int vals[] = {42, 7, 19, -3, 88, 7, 0, 23, 64, 5};
    int i;
    for (i = 0; i < 10; i++)
        push(vals[i]);
    while (size > 0)
        printf("%d ", pop());
    printf("\n");
    return 0;
}
