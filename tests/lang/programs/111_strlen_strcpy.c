#include <stdio.h>
#include <string.h>

int main(void)
{
    char buf[32];
    printf("%d %d\n", (int)strlen(""), (int)strlen("hello"));
    strcpy(buf, "copy me");
    printf("%s %d\n", buf, (int)strlen(buf));
    char *r = strcpy(buf + 5, "ME!");
    printf("%s %s\n", buf, r);
    memset(buf, 'x', sizeof buf);
    strncpy(buf, "abc", 6);         /* pads with zeros up to 6 */
    printf("%s %d %d %c\n", buf, buf[4], buf[5], buf[6]);
    strncpy(buf, "abcdefgh", 3);    /* no terminator added */
    buf[3] = 0;
    printf("%s\n", buf);
    return 0;
}
