// ERROR: 5:5: lvalue required as operand of '--'
int main(void)
{
    int x = 4;
    --(x - 1);
    return x;
}
