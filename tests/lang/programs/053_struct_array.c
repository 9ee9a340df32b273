#include <stdio.h>

struct item { char name[12]; int qty; int price; };

int main(void)
{
    struct item stock[3] = {
        {"apple", 3, 50},
        {"pear", 10, 75},
        {"fig", 2, 300},
    };
    int total = 0, i;
    for (i = 0; i < 3; i++) {
        printf("%-6s %2d x %3d\n", stock[i].name, stock[i].qty, stock[i].price);
        total += stock[i].qty * stock[i].price;
    }
    printf("total %d\n", total);
    struct item *it = stock + 1;
    it->qty--;
    printf("%d %c\n", stock[1].qty, it[1].name[0]);
    return 0;
}
