#include <stdio.h>
#include <stddef.h>

struct rec {
    char tag;
    int id;
    short kind;
    char name[5];
    int tail;
};

int main(void)
{
    printf("%d %d %d %d %d\n", (int)offsetof(struct rec, tag), (int)offsetof(struct rec, id),
           (int)offsetof(struct rec, kind), (int)offsetof(struct rec, name),
           (int)offsetof(struct rec, tail));
    printf("%d\n", (int)sizeof(struct rec));
    size_t n = sizeof(struct rec) * 2;
    printf("%d\n", (int)n);
    int *p = NULL;
    printf("%d\n", p == 0);
    return 0;
}
