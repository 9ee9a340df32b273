#include <stdio.h>
#include <string.h>

static int cmd_add(int a, int b) { return a + b; }
static int cmd_max(int a, int b) { return a > b ? a : b; }
static int cmd_pow(int a, int b) { int r = 1; while (b-- > 0) r *= a; return r; }

static const struct {
    const char *name;
    int (*fn)(int, int);
} commands[] = {
    {"add", cmd_add},
    {"max", cmd_max},
    {"pow", cmd_pow},
};

static int dispatch(const char *name, int a, int b, int *out)
{
    unsigned i;
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0) {
            *out = commands[i].fn(a, b);
            return 1;
        }
    return 0;
}

int main(void)
{
    const char *names[] = {"add", "pow", "max", "nope"};
    int i, r;
    for (i = 0; i < 4; i++) {
        if (dispatch(names[i], 3, 4, &r))
            printf("%s(3,4) = %d\n", names[i], r);
        else
            printf("%s: unknown command\n", names[i]);
    }
    return 0;
}
