#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>

static int rpn(const char *s)
{
    int stack[16], sp = 0;
    while (*s) {
        if (isspace(*s)) {
            s++;
        } else if (isdigit(*s)) {
            char *end;
            stack[sp++] = (int)strtol(s, &end, 10);
            s = end;
        } else {
            int b = stack[--sp], a = stack[--sp];
            switch (*s++) {
            case '+': stack[sp++] = a + b; break;
            case '-': stack[sp++] = a - b; break;
            case '*': stack[sp++] = a * b; break;
            case '/': stack[sp++] = a / b; break;
            }
        }
    }
    return stack[0];
}

int main(void)
{
    printf("%d\n", rpn("3 4 + 2 *"));
    printf("%d\n", rpn("5 1 2 + 4 * + 3 -"));
    printf("%d\n", rpn("2 3 4 * 5 6 - - +"));
    printf("%d\n", rpn("100 3 /"));
    return 0;
}
