// ERROR: 5:5: syntax error: unexpected 'return'...
int main(void)
{
    int x = 1
    return x;
}
