#include <stdio.h>

int main(void)
{
    int i, j, k;
    int count = 0, checksum = 0;
    for (i = 0; i < 10; i++) {
        for (j = i; j < 10; j++) {
            if ((i + j) % 3 == 0)
                continue;
            for (k = 0; k < 5; k++) {
                if (k > j)
                    break;
                count++;
                checksum = checksum * 31 + i * 100 + j * 10 + k;
            }
        }
        if (count > 150)
            break;
    }
    printf("%d %d %d\n", i, count, checksum);
    i = 0;
    do {
        j = 0;
        while (j < i) {
            j += 2;
            if (j == 6)
                goto out;
        }
        i++;
    } while (i < 10);
out:
    printf("%d %d\n", i, j);
    return 0;
}
