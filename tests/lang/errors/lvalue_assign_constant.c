// ERROR: 5:7: lvalue required as left operand of assignment
int main(void)
{
    int x = 0;
    5 = x;
    return x;
}
