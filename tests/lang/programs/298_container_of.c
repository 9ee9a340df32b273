#include <stdio.h>
#include <stddef.h>

/* Kernel-style intrusive lists: the link lives inside the object and
   container_of walks back from the link to the object. */
struct list { struct list *prev, *next; };

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

struct task {
    int pid;
    char name[8];
    struct list link;
    int priority;
};

static void list_init(struct list *h) { h->prev = h->next = h; }

static void list_add_tail(struct list *h, struct list *n)
{
    n->prev = h->prev;
    n->next = h;
    h->prev->next = n;
    h->prev = n;
}

static void list_del(struct list *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
}

int main(void)
{
    struct task tasks[4] = {{1, "init"}, {2, "sh"}, {3, "cat"}, {4, "idle"}};
    struct list runq, *l;
    int i;
    list_init(&runq);
    for (i = 0; i < 4; i++) {
        tasks[i].priority = 10 * (4 - i);
        list_add_tail(&runq, &tasks[i].link);
    }
    list_del(&tasks[1].link);
    for (l = runq.next; l != &runq; l = l->next) {
        struct task *t = container_of(l, struct task, link);
        printf("%d %s %d\n", t->pid, t->name, t->priority);
    }
    for (l = runq.prev; l != &runq; l = l->prev)
        printf("%d ", container_of(l, struct task, link)->pid);
    printf("\n");
    return 0;
}
