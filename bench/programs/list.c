/* A linked list of structs in a static pool: member access, struct copies,
 * struct arguments and results. */
#include <stdio.h>

struct item {
    int key;
    int value;
    struct item *next;
};

struct pair {
    int sum;
    int count;
};

#define N 300
static struct item pool[N];

static struct pair add(struct pair p, struct item *it)
{
    p.sum += it->value;
    p.count++;
    return p;
}

int main(void)
{
    struct item *head = 0;
    for (int i = 0; i < N; i++) {
        struct item it;
        it.key = i;
        it.value = (i * 7) % 13;
        it.next = head;
        pool[i] = it;
        head = &pool[i];
    }
    struct pair total = {0, 0};
    for (int round = 0; round < 5; round++)
        for (struct item *p = head; p; p = p->next)
            if (p->key % 2 == 0)
                total = add(total, p);
    printf("sum %d count %d\n", total.sum, total.count);
    return total.count == 750 ? 0 : 1;
}
