// ERROR: 4:30: too many initializers for 'struct point'
struct point { int x, y; };

struct point origin = {0, 0, 0};

int main(void)
{
    return origin.x;
}
