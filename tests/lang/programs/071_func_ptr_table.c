#include <stdio.h>

enum op { ADD, SUB, MUL, DIV, NOPS };

static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_div(int a, int b) { return a / b; }

static int (*const table[NOPS])(int, int) = { op_add, op_sub, op_mul, op_div };
static const char symbols[] = "+-*/";

int main(void)
{
    int i;
    for (i = 0; i < NOPS; i++)
        printf("84 %c 6 = %d\n", symbols[i], table[i](84, 6));
    return 0;
}
