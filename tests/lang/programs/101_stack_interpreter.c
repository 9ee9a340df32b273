#include <stdio.h>

/* A tiny stack machine: the program is an array of opcodes and operands. */
enum { PUSH, ADD, SUB, MUL, DUP, SWAP, OVER, JNZ, PRINT, HALT };

static int run(const int *code)
{
    int stack[32];
    int sp = 0, pc = 0, steps = 0;
    for (;;) {
        steps++;
        switch (code[pc++]) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case ADD:  sp--; stack[sp - 1] += stack[sp]; break;
        case SUB:  sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL:  sp--; stack[sp - 1] *= stack[sp]; break;
        case DUP:  stack[sp] = stack[sp - 1]; sp++; break;
        case OVER: stack[sp] = stack[sp - 2]; sp++; break;
        case SWAP: {
            int t = stack[sp - 1];
            stack[sp - 1] = stack[sp - 2];
            stack[sp - 2] = t;
            break;
        }
        case JNZ:  if (stack[--sp]) pc = code[pc]; else pc++; break;
        case PRINT: printf("%d\n", stack[--sp]); break;
        case HALT: return steps;
        }
    }
}

int main(void)
{
    const int simple[] = { PUSH, 6, PUSH, 7, MUL, PRINT, PUSH, 3, PUSH, 10, SUB, PRINT, HALT };
    /* n = 3; loop: print n; n = n - 1; if n goto loop */
    const int loop[] = { PUSH, 3, DUP, PRINT, PUSH, 1, SUB, DUP, JNZ, 2, HALT };
    /* acc = 1, n = 6; loop: acc *= n; n -= 1; if n goto loop; print acc */
    const int fact[] = {
        PUSH, 1, PUSH, 6,           /* acc n */
        SWAP, OVER, MUL, SWAP,      /* 4: acc*n n */
        PUSH, 1, SUB,               /* acc n-1 */
        DUP, JNZ, 4,
        ADD, PRINT, HALT,           /* acc + 0 */
    };
    printf("steps %d\n", run(simple));
    printf("steps %d\n", run(loop));
    printf("steps %d\n", run(fact));
    return 0;
}
