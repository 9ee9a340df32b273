// ERROR: 2:9: invalid storage class for function parameter
int sum(static int a, int b)
{
    return a + b;
}
