#include <stdio.h>
#include <string.h>

int main(void)
{
    char buf[40] = "con";
    strcat(buf, "cat");
    strcat(buf, "enate");
    printf("%s\n", buf);
    char b2[16] = "ab";
    strncat(b2, "cdefgh", 3);
    printf("%s %d\n", b2, (int)strlen(b2));
    strncat(b2, "xy", 10);
    printf("%s\n", b2);
    char *r = strcat(b2, "!");
    printf("%d\n", r == b2);
    return 0;
}
