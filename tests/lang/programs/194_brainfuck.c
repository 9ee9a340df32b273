#include <stdio.h>

static void run(const char *prog)
{
    unsigned char tape[64] = {0};
    unsigned char *p = tape;
    const char *ip = prog;
    for (; *ip; ip++) {
        switch (*ip) {
        case '>': p++; break;
        case '<': p--; break;
        case '+': (*p)++; break;
        case '-': (*p)--; break;
        case '.': putchar(*p); break;
        case '[':
            if (!*p) {
                int depth = 1;
                while (depth) {
                    ip++;
                    depth += (*ip == '[') - (*ip == ']');
                }
            }
            break;
        case ']':
            if (*p) {
                int depth = 1;
                while (depth) {
                    ip--;
                    depth += (*ip == ']') - (*ip == '[');
                }
            }
            break;
        }
    }
}

int main(void)
{
    run("++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.");
    run("++++++++++.");
    run("-.");      /* the cell wraps from 0 to 255: prints the byte 0xFF */
    putchar('\n');
    return 0;
}
