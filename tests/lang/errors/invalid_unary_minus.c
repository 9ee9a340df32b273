// ERROR: 7:13: invalid operand to unary - ('struct point')
struct point { int x, y; };

int main(void)
{
    struct point p = {1, 2};
    int n = -p;
    return n;
}
