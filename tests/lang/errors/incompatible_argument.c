// ERROR: 12:21: incompatible type for argument 2 of 'scale': expected 'int', got 'struct pair'
struct pair { int a, b; };

static int scale(int x, int k)
{
    return x * k;
}

int main(void)
{
    struct pair p = {1, 2};
    return scale(1, p);
}
