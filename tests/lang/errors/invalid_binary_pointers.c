// ERROR: 6:14: invalid operands to binary * ('int *' and 'int *')
int main(void)
{
    int a[4];
    int *p = a, *q = a + 2;
    return p * q;
}
