#include <stdio.h>

int main(void)
{
    char exact[3] = "abc";      /* no room for the terminator: none is stored */
    char big[6] = "ab";
    char auto_sized[] = "hello";
    char list[] = {'x', 'y', 0};
    int i;
    for (i = 0; i < 3; i++)
        putchar(exact[i]);
    putchar('\n');
    printf("%d %d %d\n", (int)sizeof exact, (int)sizeof big, (int)sizeof auto_sized);
    printf("%s %s %d\n", auto_sized, list, (int)sizeof list);
    char words[3][6] = {"one", "two", "three"};
    printf("%s %s %s %d\n", words[0], words[1], words[2], (int)sizeof words);
    return 0;
}
