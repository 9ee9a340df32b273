#include <stdio.h>

enum token { T_NUM, T_PLUS, T_MINUS, T_STAR, T_END };

static const char *name(enum token t)
{
    switch (t) {
    case T_NUM:   return "number";
    case T_PLUS:  return "plus";
    case T_MINUS: return "minus";
    case T_STAR:  return "star";
    default:      return "end";
    }
}

int main(void)
{
    enum token seq[] = {T_NUM, T_PLUS, T_NUM, T_STAR, T_NUM, T_END};
    int i;
    for (i = 0; seq[i] != T_END; i++)
        printf("%s ", name(seq[i]));
    printf("%s\n", name(T_END));
    return 0;
}
