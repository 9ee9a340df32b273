#include <stdio.h>

struct syscall { int number; const char *name; int nargs; };

static const struct syscall table[] = {
    [0] = {0, "exit", 1},
    [1] = {1, "fork", 0},
    [4] = {4, "write", 3},
    {5, "open", 2},             /* index 5 */
    [3] = {.name = "read", .nargs = 3, .number = 3},
};

#define NSYS ((int)(sizeof table / sizeof table[0]))

int main(void)
{
    int i;
    printf("%d entries\n", NSYS);
    for (i = 0; i < NSYS; i++)
        printf("%d %s %d\n", table[i].number, table[i].name ? table[i].name : "(none)",
               table[i].nargs);
    return 0;
}
