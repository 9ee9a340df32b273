// ERROR: 4:13: syntax error: expected an expression before ';'
int main(void)
{
    int x = ;
    return x;
}
