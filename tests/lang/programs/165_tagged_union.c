#include <stdio.h>

enum kind { K_INT, K_STR, K_PAIR };

struct value {
    enum kind kind;
    union {
        int i;
        const char *s;
        struct { short a, b; } pair;
    } as;
};

static void print_value(struct value v)
{
    switch (v.kind) {
    case K_INT:  printf("int %d\n", v.as.i); break;
    case K_STR:  printf("str %s\n", v.as.s); break;
    case K_PAIR: printf("pair %d %d\n", v.as.pair.a, v.as.pair.b); break;
    }
}

int main(void)
{
    struct value vals[3];
    vals[0].kind = K_INT;
    vals[0].as.i = -12;
    vals[1].kind = K_STR;
    vals[1].as.s = "text";
    vals[2].kind = K_PAIR;
    vals[2].as.pair.a = 3;
    vals[2].as.pair.b = 4;
    int i;
    for (i = 0; i < 3; i++)
        print_value(vals[i]);
    return 0;
}
