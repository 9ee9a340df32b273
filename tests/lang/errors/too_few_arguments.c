// ERROR: 9:12: too few arguments to function 'add' (expected 3, got 2)
static int add(int a, int b, int c)
{
    return a + b + c;
}

int main(void)
{
    return add(1, 2);
}
