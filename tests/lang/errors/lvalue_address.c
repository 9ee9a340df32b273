// ERROR: 5:14: lvalue required as operand of '&'
int main(void)
{
    int a = 1;
    int *p = &(a + 1);
    return *p;
}
