// ERROR: 7:15: invalid operands to binary - ('struct point' and 'struct point')
struct point { int x, y; };

int main(void)
{
    struct point a = {1, 2}, b = {3, 4};
    int d = a - b;
    return d;
}
