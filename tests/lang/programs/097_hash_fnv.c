#include <stdio.h>

/* FNV-1a, 32 bits: relies on unsigned multiplication wrapping modulo 2^32. */
static unsigned fnv1a(const char *s)
{
    unsigned h = 2166136261u;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 16777619u;
    }
    return h;
}

static unsigned djb2(const char *s)
{
    unsigned h = 5381;
    int c;
    while ((c = *s++))
        h = ((h << 5) + h) + c;
    return h;
}

int main(void)
{
    const char *words[] = {"", "a", "minos", "hash table", "The quick brown fox"};
    int i;
    for (i = 0; i < 5; i++)
        printf("%08x %u\n", fnv1a(words[i]), djb2(words[i]));
    return 0;
}
