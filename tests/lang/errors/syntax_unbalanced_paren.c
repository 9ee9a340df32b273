// ERROR: 4:18: syntax error: unexpected ')'...
int main(void)
{
    int x = 1 + 2);
    return x;
}
