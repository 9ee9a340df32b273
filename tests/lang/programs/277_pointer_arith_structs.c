#include <stdio.h>

struct rec { short id; char name[6]; int score; };

int main(void)
{
    struct rec table[4] = {{1, "ann", 50}, {2, "bob", 70}, {3, "cy", 65}, {4, "dee", 90}};
    struct rec *p = table, *end = table + 4, *best = p;
    for (; p < end; p++)
        if (p->score > best->score)
            best = p;
    printf("%s %d %d\n", best->name, best->score, (int)(best - table));
    p = &table[3];
    printf("%s %s\n", (p - 2)->name, p[-3].name);
    char *raw = (char *)&table[1];
    struct rec *back = (struct rec *)(raw + sizeof(struct rec));
    printf("%d\n", back->id);
    printf("%d\n", (int)((char *)&table[2].score - (char *)table));
    return 0;
}
