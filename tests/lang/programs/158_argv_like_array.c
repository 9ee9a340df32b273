#include <stdio.h>
#include <string.h>

static int count_flags(int argc, char **argv)
{
    int n = 0, i;
    for (i = 1; i < argc; i++)
        if (argv[i][0] == '-')
            n++;
    return n;
}

int main(void)
{
    char a0[] = "prog", a1[] = "-v", a2[] = "file.txt", a3[] = "-o";
    char *argv[] = {a0, a1, a2, a3, NULL};
    int argc = 4;
    char **p;
    printf("%d\n", count_flags(argc, argv));
    for (p = argv; *p; p++)
        printf("%s(%d) ", *p, (int)strlen(*p));
    printf("\n");
    printf("%c\n", *argv[2]);
    printf("%c\n", **(argv + 3));
    printf("%c\n", argv[2][4]);
    return 0;
}
