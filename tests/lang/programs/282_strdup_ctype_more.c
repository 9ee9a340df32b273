#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

int main(void)
{
    char *copy = strdup("duplicate me");
    copy[0] = 'D';
    printf("%s %d\n", copy, (int)strlen(copy));
    free(copy);
    int c, cntrl = 0, graph = 0, print = 0;
    for (c = 0; c < 128; c++) {
        cntrl += iscntrl(c) != 0;
        graph += isgraph(c) != 0;
        print += isprint(c) != 0;
    }
    printf("%d %d %d\n", cntrl, graph, print);
    printf("%d %d\n", isxdigit('f') != 0, isxdigit('g') != 0);
    return 0;
}
