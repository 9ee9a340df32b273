// ERROR: 6:14: invalid operands to binary % ('int *' and 'int')
int main(void)
{
    int x = 7;
    int *p = &x;
    return p % 2;
}
