// ERROR: 4:14: expected '}' before the end of input
int main(void)
{
    return 0;
