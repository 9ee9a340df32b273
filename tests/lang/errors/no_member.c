// ERROR: 7:20: 'struct point' has no member named 'z'
struct point { int x, y; };

int main(void)
{
    struct point p = {1, 2};
    return p.x + p.z;
}
