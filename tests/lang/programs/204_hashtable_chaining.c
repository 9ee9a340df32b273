#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 7

struct entry { char *key; int value; struct entry *next; };
static struct entry *table[BUCKETS];

static unsigned hash(const char *s)
{
    unsigned h = 0;
    while (*s)
        h = h * 31 + (unsigned char)*s++;
    return h % BUCKETS;
}

static void put(const char *key, int value)
{
    unsigned h = hash(key);
    struct entry *e;
    for (e = table[h]; e; e = e->next)
        if (strcmp(e->key, key) == 0) {
            e->value = value;
            return;
        }
    e = malloc(sizeof *e);
    e->key = malloc(strlen(key) + 1);
    strcpy(e->key, key);
    e->value = value;
    e->next = table[h];
    table[h] = e;
}

static int get(const char *key, int *out)
{
    struct entry *e;
    for (e = table[hash(key)]; e; e = e->next)
        if (!strcmp(e->key, key)) {
            *out = e->value;
            return 1;
        }
    return 0;
}

int main(void)
{
    const char *words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
                           "theta", "iota", "kappa", "lambda", "mu"};
    int i, v;
    for (i = 0; i < 12; i++)
        put(words[i], i * 10);
    put("gamma", -1);
    for (i = 0; i < 12; i += 2)
        if (get(words[i], &v))
            printf("%s=%d ", words[i], v);
    int found = get("gamma", &v);
    printf("\n%d %d\n", found, v);
    printf("%d\n", get("omega", &v));
    for (i = 0; i < BUCKETS; i++) {
        int n = 0;
        struct entry *e;
        for (e = table[i]; e; e = e->next)
            n++;
        printf("%d", n);
    }
    printf("\n");
    return 0;
}
