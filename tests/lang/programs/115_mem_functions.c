#include <stdio.h>
#include <string.h>

int main(void)
{
    char a[16] = "0123456789";
    char b[16];
    memcpy(b, a, 11);
    printf("%s\n", b);
    memmove(a + 2, a, 5);           /* overlapping, forwards */
    printf("%s\n", a);
    memmove(a, a + 3, 5);           /* overlapping, backwards */
    printf("%s\n", a);
    memset(b + 4, '-', 3);
    printf("%s\n", b);
    printf("%d %d\n", memcmp("abc", "abd", 2), memcmp("abc", "abd", 3) < 0);
    int nums[4] = {1, 2, 3, 4}, copy[4];
    memcpy(copy, nums, sizeof nums);
    printf("%d %d\n", copy[3], memcmp(copy, nums, sizeof nums));
    memset(nums, 0, sizeof nums);
    printf("%d\n", nums[2]);
    return 0;
}
