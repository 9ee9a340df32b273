// ERROR: 7:15: invalid operands to binary + ('struct point' and 'int')
struct point { int x, y; };

int main(void)
{
    struct point p = {1, 2};
    int n = p + 1;
    return n;
}
