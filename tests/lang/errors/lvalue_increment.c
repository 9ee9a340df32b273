// ERROR: 9:5: lvalue required as operand of '++'
static int get(void)
{
    return 1;
}

int main(void)
{
    get()++;
    return 0;
}
