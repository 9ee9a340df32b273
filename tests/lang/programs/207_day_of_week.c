#include <stdio.h>

static const char *days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

/* Sakamoto's method. */
static int weekday(int y, int m, int d)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3)
        y -= 1;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int main(void)
{
    printf("%s\n", days[weekday(1970, 1, 1)]);
    printf("%s\n", days[weekday(2000, 2, 29)]);
    printf("%s\n", days[weekday(2038, 1, 19)]);
    printf("%d%d%d%d\n", leap(1900), leap(2000), leap(2024), leap(2023));
    return 0;
}
