#include <stdio.h>

int main(void)
{
    char a = 'a';
    char b = a + 2;
    char d = '7' - '0';
    printf("%c %d %d\n", b, b, d);
    printf("%d\n", 'z' - 'a');
    a += 25;
    printf("%c\n", a);
    return 0;
}
