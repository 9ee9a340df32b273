// ERROR: 7:7: incompatible types when assigning to 'struct point' from 'int'
struct point { int x, y; };

int main(void)
{
    struct point p;
    p = 3;
    return 0;
}
