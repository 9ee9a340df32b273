#include <stdio.h>

enum day { MON, TUE, WED, THU, FRI, SAT, SUN };

static const char *kind(enum day d)
{
    return d >= SAT ? "weekend" : "weekday";
}

int main(void)
{
    enum day d = WED;
    printf("%d %d %d\n", MON, d, SUN);
    printf("%s %s\n", kind(d), kind(SUN));
    d++;
    printf("%d\n", d);
    int n = FRI + 1;
    printf("%d\n", n);
    return 0;
}
