// ERROR: 6:12: invalid operand to unary ~ ('int *')
int main(void)
{
    int x = 1;
    int *p = &x;
    return ~p != 0;
}
