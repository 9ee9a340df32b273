#include <stdio.h>
#include <stdlib.h>

struct item { int v; struct item *next; };

static int length(const struct item *p)
{
    int n = 0;
    while (p != NULL) {
        n++;
        p = p->next;
    }
    return n;
}

static int safe_value(const struct item *p)
{
    return p && p->v > 0 ? p->v : -1;
}

int main(void)
{
    struct item c = {3, NULL}, b = {-2, &c}, a = {1, &b};
    struct item *none = 0;
    printf("%d %d\n", length(&a), length(none));
    printf("%d %d %d\n", safe_value(&a), safe_value(&b), safe_value(none));
    if (!none)
        printf("none is null\n");
    void *vp = 0;
    char *cp = vp;
    printf("%d\n", cp == NULL);
    return 0;
}
