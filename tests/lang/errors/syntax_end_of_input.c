// ERROR: 5:1: syntax error: unexpected end of input...
int main(void)
{
    return 0;
