#include <stdio.h>

struct buffer {
    int len;
    char data[8];
    int checksum;
};

static struct buffer fill(char c, int n)
{
    struct buffer b;
    int i;
    b.len = n;
    b.checksum = 0;
    for (i = 0; i < 8; i++) {
        b.data[i] = i < n ? c + i : 0;
        b.checksum += b.data[i];
    }
    return b;
}

int main(void)
{
    struct buffer a = fill('a', 5);
    struct buffer b = a;
    b.data[0] = 'Z';
    printf("%s %s %d %d\n", a.data, b.data, a.len, a.checksum);
    struct buffer many[2];
    many[0] = fill('0', 3);
    many[1] = many[0];
    many[1].data[1] = '#';
    printf("%s %s\n", many[0].data, many[1].data);
    printf("%d\n", (int)sizeof(struct buffer));
    return 0;
}
