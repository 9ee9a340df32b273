#include <stdio.h>

int main(void)
{
    const char *s = "minos";
    printf("%s|%10s|%-10s|\n", s, s, s);
    printf("%s%s%s\n", "a", "", "b");
    char buf[6] = {'h', 'e', 'l', 'l', 'o', 0};
    printf("%s\n", buf);
    printf("%3s|\n", "toolong");
    printf("100%%\n");
    printf("%d%%%d\n", 1, 2);
    int n = printf("count me\n");
    printf("%d\n", n);
    return 0;
}
