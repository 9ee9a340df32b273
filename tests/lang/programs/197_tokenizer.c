#include <stdio.h>
#include <ctype.h>
#include <string.h>

enum kind { IDENT, NUMBER, PUNCT, STRING };
static const char *kind_names[] = {"ident", "number", "punct", "string"};

int main(void)
{
    const char *src = "int x1 = 42+y; s = \"hi there\"; if(a>=b)";
    const char *p = src;
    char text[32];
    while (*p) {
        const char *start = p;
        enum kind k;
        if (isspace(*p)) { p++; continue; }
        if (isalpha(*p) || *p == '_') {
            while (isalnum(*p) || *p == '_') p++;
            k = IDENT;
        } else if (isdigit(*p)) {
            while (isdigit(*p)) p++;
            k = NUMBER;
        } else if (*p == '"') {
            p++;
            while (*p && *p != '"') p++;
            p++;
            k = STRING;
        } else {
            p += (p[1] == '=' && strchr("<>=!", *p)) ? 2 : 1;
            k = PUNCT;
        }
        int n = p - start;
        memcpy(text, start, n);
        text[n] = 0;
        printf("%s:%s\n", kind_names[k], text);
    }
    return 0;
}
