// ERROR: 8:13: incompatible types when assigning to 'int (*)(int, char *)' from 'struct point'
struct point { int x, y; };

int main(void)
{
    int (*handler)(int, char *);
    struct point p = {1, 2};
    handler = p;
    return 0;
}
