#include <stdio.h>

extern int shared;          /* declared here, defined below */
extern int values[];
int twice(int);             /* prototype before the definition */

int main(void)
{
    extern int later;
    printf("%d %d %d\n", shared, values[2], twice(later));
    shared = 1;
    printf("%d\n", shared);
    return 0;
}

int shared = 41;
int values[3] = {7, 8, 9};
int later = 21;

int twice(int x)
{
    return 2 * x;
}
