#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *s = "hello world, hello minos";
    printf("%d\n", (int)(strchr(s, 'o') - s));
    printf("%d\n", (int)(strrchr(s, 'o') - s));
    printf("%d\n", strchr(s, 'z') == NULL);
    printf("%d\n", (int)(strchr(s, '\0') - s));
    printf("%s\n", strstr(s, "hello m"));
    printf("%d\n", strstr(s, "xyz") == NULL);
    printf("%d\n", strstr(s, "") == s);
    printf("%d\n", (int)(strstr(s + 1, "hello") - s));
    return 0;
}
