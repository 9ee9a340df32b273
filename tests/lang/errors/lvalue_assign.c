// ERROR: 5:11: lvalue required as left operand of assignment
int main(void)
{
    int a = 1, b = 2;
    a + b = 3;
    return a;
}
