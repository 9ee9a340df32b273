#include <stdio.h>
#include <string.h>

/* A toy LZ77: tokens are (offset, length, next char). */
struct token { unsigned char off, len; char next; };

static int compress(const char *in, struct token *out)
{
    int n = strlen(in), pos = 0, t = 0;
    while (pos < n) {
        int best_len = 0, best_off = 0, off;
        for (off = 1; off <= pos && off < 32; off++) {
            int len = 0;
            while (pos + len < n - 1 && in[pos - off + len] == in[pos + len] && len < 15)
                len++;
            if (len > best_len) {
                best_len = len;
                best_off = off;
            }
        }
        out[t].off = best_off;
        out[t].len = best_len;
        out[t].next = in[pos + best_len];
        t++;
        pos += best_len + 1;
    }
    return t;
}

static void expand(const struct token *tok, int n, char *out)
{
    int i, o = 0;
    for (i = 0; i < n; i++) {
        int k;
        for (k = 0; k < tok[i].len; k++, o++)
            out[o] = out[o - tok[i].off];
        out[o++] = tok[i].next;
    }
    out[o] = 0;
}

int main(void)
{
    const char *text = "abababababcabcabcabcxyzxyzxyzaaaaaaaaaaaa!";
    struct token toks[64];
    char back[128];
    int n = compress(text, toks), i;
    for (i = 0; i < n; i++)
        printf("(%d,%d,%c)", toks[i].off, toks[i].len, toks[i].next);
    printf("\n%d tokens for %d chars\n", n, (int)strlen(text));
    expand(toks, n, back);
    printf("%s\n", strcmp(back, text) == 0 ? "roundtrip ok" : back);
    return 0;
}
