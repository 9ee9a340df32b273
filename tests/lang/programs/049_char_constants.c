#include <stdio.h>

int main(void)
{
    printf("%d %d %d\n", 'A', 'a', '0');
    printf("%d %d\n", '\\', '\'');
    printf("%d\n", '\x7f');
    printf("%d\n", '\xff');     /* char is signed: -1 */
    printf("%d\n", '\101');
    char c = '\x80';
    printf("%d\n", c);
    printf("%c%c%c\n", 'o', 'k', '!');
    return 0;
}
