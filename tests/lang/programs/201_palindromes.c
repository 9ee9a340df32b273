#include <stdio.h>
#include <ctype.h>
#include <string.h>

static int is_palindrome(const char *s)
{
    const char *e = s + strlen(s);
    while (s < e) {
        if (!isalnum(*s)) { s++; continue; }
        if (!isalnum(e[-1])) { e--; continue; }
        if (tolower(*s) != tolower(e[-1]))
            return 0;
        s++;
        e--;
    }
    return 1;
}

static int is_num_palindrome(unsigned n)
{
    unsigned r = 0, m = n;
    while (m) {
        r = r * 10 + m % 10;
        m /= 10;
    }
    return r == n;
}

int main(void)
{
    const char *tests[] = {"racecar", "A man, a plan, a canal: Panama", "minos", "", "ab"};
    int i, count = 0;
    for (i = 0; i < 5; i++)
        printf("%d", is_palindrome(tests[i]));
    printf("\n");
    unsigned n;
    for (n = 100; n < 1000; n++)
        count += is_num_palindrome(n);
    printf("%d\n", count);
    return 0;
}
