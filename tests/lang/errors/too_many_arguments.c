// ERROR: 9:12: too many arguments to function 'twice' (expected 1, got 2)
static int twice(int x)
{
    return 2 * x;
}

int main(void)
{
    return twice(1, 2);
}
