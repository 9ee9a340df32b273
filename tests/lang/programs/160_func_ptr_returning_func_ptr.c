#include <stdio.h>

typedef int (*handler)(int);

static int inc(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }

static handler choose(char op)
{
    return op == '+' ? inc : dbl;
}

/* The same without a typedef: choose2 takes an int and returns a pointer to
   a function taking int and returning int. */
static int (*choose2(int which))(int)
{
    return which ? dbl : inc;
}

int main(void)
{
    printf("%d %d\n", choose('+')(10), choose('*')(10));
    printf("%d %d\n", choose2(0)(5), choose2(1)(5));
    handler h = choose('*');
    printf("%d\n", h(h(h(1))));
    return 0;
}
