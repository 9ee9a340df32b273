// ERROR: 8:7: incompatible types when assigning to 'int' from 'struct point'
struct point { int x, y; };

int main(void)
{
    struct point p = {1, 2};
    int n;
    n = p;
    return n;
}
