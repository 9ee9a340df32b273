#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct person { char name[10]; int age; };

static int by_name(const void *a, const void *b)
{
    const struct person *p = a, *q = b;
    return strcmp(p->name, q->name);
}

static int by_age_then_name(const void *a, const void *b)
{
    const struct person *p = a, *q = b;
    if (p->age != q->age)
        return p->age - q->age;
    return by_name(a, b);
}

int main(void)
{
    struct person people[6] = {
        {"mallory", 40}, {"alice", 30}, {"eve", 25},
        {"bob", 30}, {"trent", 51}, {"carol", 25},
    };
    int i;
    qsort(people, 6, sizeof people[0], by_name);
    for (i = 0; i < 6; i++)
        printf("%s ", people[i].name);
    printf("\n");
    qsort(people, 6, sizeof(struct person), by_age_then_name);
    for (i = 0; i < 6; i++)
        printf("%s:%d ", people[i].name, people[i].age);
    printf("\n");
    return 0;
}
