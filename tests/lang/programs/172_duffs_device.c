#include <stdio.h>

/* Duff's device: a switch whose cases jump into the middle of a do/while. */
static void copy(char *to, const char *from, int count)
{
    int n = (count + 7) / 8;
    switch (count % 8) {
    case 0: do { *to++ = *from++;
    case 7:      *to++ = *from++;
    case 6:      *to++ = *from++;
    case 5:      *to++ = *from++;
    case 4:      *to++ = *from++;
    case 3:      *to++ = *from++;
    case 2:      *to++ = *from++;
    case 1:      *to++ = *from++;
            } while (--n > 0);
    }
}

int main(void)
{
    const char *src = "abcdefghijklmnopqrstuvwxyz";
    char dst[32];
    int len;
    for (len = 1; len <= 26; len += 5) {
        copy(dst, src, len);
        dst[len] = 0;
        printf("%d %s\n", len, dst);
    }
    return 0;
}
