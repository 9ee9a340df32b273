#include <stdio.h>

struct three { char a, b, c; };
struct five { char s[5]; };
struct big { int v[25]; char tag; };

static struct three rot(struct three t)
{
    struct three r = {t.b, t.c, t.a};
    return r;
}

static struct five upper(struct five f)
{
    int i;
    for (i = 0; i < 5; i++)
        if (f.s[i] >= 'a' && f.s[i] <= 'z')
            f.s[i] -= 32;
    return f;
}

static int big_sum(struct big b)
{
    int i, s = 0;
    for (i = 0; i < 25; i++)
        s += b.v[i];
    b.v[0] = 1000;              /* the caller's copy is untouched */
    return s + b.tag;
}

static struct big make_big(int k)
{
    struct big b;
    int i;
    for (i = 0; i < 25; i++)
        b.v[i] = i * k;
    b.tag = 'k';
    return b;
}

int main(void)
{
    struct three t = {'x', 'y', 'z'};
    t = rot(rot(t));
    printf("%c%c%c %d\n", t.a, t.b, t.c, (int)sizeof t);
    struct five f = {"ab1c"};
    struct five g = upper(f);
    printf("%s %s\n", f.s, g.s);
    struct big b = make_big(2);
    printf("%d %d\n", big_sum(b), b.v[0]);
    printf("%d\n", make_big(3).v[24]);
    return 0;
}
