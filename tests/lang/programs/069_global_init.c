#include <stdio.h>

int g_int = -5;
char g_char = 'g';
short g_short = 1234;
unsigned g_unsigned = 4000000000u;
int g_zero;
int g_array[5] = {1, 2, 3};
char g_str[] = "global";
const char *g_ptr = "pointer";
int *g_aptr = &g_array[2];
int g_expr = 3 * 4 + (1 << 4);

int main(void)
{
    printf("%d %c %d %u %d\n", g_int, g_char, g_short, g_unsigned, g_zero);
    printf("%d %d %s %s\n", g_array[2], g_array[4], g_str, g_ptr);
    printf("%d %d\n", *g_aptr, g_expr);
    g_aptr[1] = 40;
    printf("%d\n", g_array[3]);
    return 0;
}
