#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[] = "  ls -l,,/tmp ; echo  hi";
    char *tok = strtok(line, " ,;");
    while (tok) {
        printf("[%s]", tok);
        tok = strtok(NULL, " ,;");
    }
    printf("\n");
    printf("%d %d\n", (int)strspn("123abc", "0123456789"), (int)strcspn("hello, world", ",!"));
    printf("%s\n", strpbrk("key=value;x", "=;"));
    printf("%d\n", strpbrk("abc", "xyz") == NULL);
    const char *m = memchr("abcdef", 'd', 6);
    printf("%s %d\n", m, memchr("abc", 'z', 3) == NULL);
    return 0;
}
