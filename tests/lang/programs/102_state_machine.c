#include <stdio.h>

/* Count words, lines and numbers in a text with an explicit state machine. */
enum state { OUTSIDE, IN_WORD, IN_NUMBER };

int main(void)
{
    const char *text = "abc 123 de4 56\n  x 7y\n\n99 end";
    enum state st = OUTSIDE;
    int words = 0, numbers = 0, lines = 1;
    const char *p;
    for (p = text; *p; p++) {
        char c = *p;
        int digit = c >= '0' && c <= '9';
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (c == '\n')
            lines++;
        switch (st) {
        case OUTSIDE:
            if (digit) { st = IN_NUMBER; numbers++; }
            else if (alpha) { st = IN_WORD; words++; }
            break;
        case IN_NUMBER:
            if (alpha) { st = IN_WORD; words++; }
            else if (!digit) st = OUTSIDE;
            break;
        case IN_WORD:
            if (!digit && !alpha) st = OUTSIDE;
            break;
        }
    }
    printf("words=%d numbers=%d lines=%d\n", words, numbers, lines);
    return 0;
}
