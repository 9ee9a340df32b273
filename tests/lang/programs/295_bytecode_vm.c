#include <stdio.h>

/* A register bytecode machine: counts primes below 100 by trial division. */
enum op { LOADI, ADD, SUB, MOD, JLT, JEQ, JMP, INC, PRINT, HALT };

struct insn { enum op op; int a, b, c; };

static int regs[8];

static void run(const struct insn *prog)
{
    int pc = 0;
    long steps = 0;
    for (;;) {
        const struct insn *i = &prog[pc++];
        steps++;
        switch (i->op) {
        case LOADI: regs[i->a] = i->b; break;
        case ADD:   regs[i->a] = regs[i->b] + regs[i->c]; break;
        case SUB:   regs[i->a] = regs[i->b] - regs[i->c]; break;
        case MOD:   regs[i->a] = regs[i->b] % regs[i->c]; break;
        case JLT:   if (regs[i->a] < regs[i->b]) pc = i->c; break;
        case JEQ:   if (regs[i->a] == regs[i->b]) pc = i->c; break;
        case JMP:   pc = i->a; break;
        case INC:   regs[i->a]++; break;
        case PRINT: printf("r%d = %d\n", i->a, regs[i->a]); break;
        case HALT:  printf("%ld steps\n", steps); return;
        }
    }
}

int main(void)
{
    /* r0 = n, r1 = d, r2 = count, r3 = limit, r4 = tmp, r5 = zero, r6 = d*d */
    const struct insn prog[] = {
        {LOADI, 0, 2},          /* 0: n = 2 */
        {LOADI, 2, 0},          /* 1: count = 0 */
        {LOADI, 3, 100},        /* 2: limit = 100 */
        {LOADI, 5, 0},          /* 3: zero */
        {LOADI, 1, 2},          /* 4: d = 2      (loop over n) */
        {JEQ, 1, 0, 10},        /* 5: if d == n: prime */
        {MOD, 4, 0, 1},         /* 6: tmp = n % d */
        {JEQ, 4, 5, 11},        /* 7: divisible: not prime */
        {INC, 1},               /* 8: d++ */
        {JMP, 5},               /* 9 */
        {INC, 2},               /* 10: count++ */
        {INC, 0},               /* 11: n++ */
        {JLT, 0, 3, 4},         /* 12: if n < limit, next n */
        {PRINT, 2},
        {HALT},
    };
    run(prog);
    return 0;
}
