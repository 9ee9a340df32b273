#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <stdlib.h>

/* A tiny Lisp: numbers, symbols, lists; evaluates (+ - * < if let quote). */
enum kind { NUM, SYM, PAIR, NIL };

struct cell {
    enum kind kind;
    int num;
    char sym[8];
    struct cell *car, *cdr;
};

static struct cell pool[400];
static int used;
static struct cell nil = {NIL};

static struct cell *alloc(enum kind k)
{
    struct cell *c = &pool[used++];
    c->kind = k;
    return c;
}

static struct cell *cons(struct cell *a, struct cell *d)
{
    struct cell *c = alloc(PAIR);
    c->car = a;
    c->cdr = d;
    return c;
}

static const char *src;

static struct cell *read_expr(void);

static struct cell *read_list(void)
{
    while (isspace(*src))
        src++;
    if (*src == ')') {
        src++;
        return &nil;
    }
    struct cell *head = read_expr();
    return cons(head, read_list());
}

static struct cell *read_expr(void)
{
    while (isspace(*src))
        src++;
    if (*src == '(') {
        src++;
        return read_list();
    }
    if (isdigit(*src) || (*src == '-' && isdigit(src[1]))) {
        struct cell *c = alloc(NUM);
        c->num = (int)strtol(src, (char **)&src, 10);
        return c;
    }
    struct cell *c = alloc(SYM);
    int n = 0;
    while (*src && !isspace(*src) && *src != '(' && *src != ')')
        c->sym[n++] = *src++;
    c->sym[n] = 0;
    return c;
}

struct env { const char *name; int value; struct env *next; };

static int eval(struct cell *e, struct env *env)
{
    if (e->kind == NUM)
        return e->num;
    if (e->kind == SYM) {
        for (; env; env = env->next)
            if (strcmp(env->name, e->sym) == 0)
                return env->value;
        printf("unbound %s\n", e->sym);
        return 0;
    }
    const char *op = e->car->sym;
    struct cell *args = e->cdr;
    if (strcmp(op, "if") == 0)
        return eval(args->car, env) ? eval(args->cdr->car, env) : eval(args->cdr->cdr->car, env);
    if (strcmp(op, "let") == 0) {
        struct env bind = {args->car->sym, eval(args->cdr->car, env), env};
        return eval(args->cdr->cdr->car, &bind);
    }
    int acc = eval(args->car, env);
    for (args = args->cdr; args->kind == PAIR; args = args->cdr) {
        int v = eval(args->car, env);
        switch (op[0]) {
        case '+': acc += v; break;
        case '-': acc -= v; break;
        case '*': acc *= v; break;
        case '<': acc = acc < v; break;
        }
    }
    return acc;
}

int main(void)
{
    const char *programs[] = {
        "(+ 1 2 3)",
        "(* (+ 1 2) (- 10 4))",
        "(let x 5 (let y 7 (* x y)))",
        "(if (< 3 2) 100 (- 0 -42))",
        "(let n 10 (if (< n 5) 0 (+ n n n)))",
    };
    int i;
    for (i = 0; i < 5; i++) {
        src = programs[i];
        printf("%s => %d\n", programs[i], eval(read_expr(), 0));
    }
    printf("cells used: %d\n", used);
    return 0;
}
