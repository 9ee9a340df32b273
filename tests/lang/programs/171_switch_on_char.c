#include <stdio.h>

static int eval(const char *s)
{
    int acc = 0, cur = 0;
    char op = '+';
    for (;; s++) {
        char c = *s;
        if (c >= '0' && c <= '9') {
            cur = cur * 10 + (c - '0');
            continue;
        }
        switch (op) {
        case '+': acc += cur; break;
        case '-': acc -= cur; break;
        case '*': acc *= cur; break;
        case '/': acc /= cur; break;
        }
        if (!c)
            break;
        op = c;
        cur = 0;
    }
    return acc;
}

int main(void)
{
    printf("%d\n", eval("12+30-2"));
    printf("%d\n", eval("2+3*4"));
    printf("%d\n", eval("100/7"));
    printf("%d\n", eval("5-10"));
    return 0;
}
