// ERROR: 4:13: syntax error: unexpected ';'...
int main(void)
{
    int x = ;
    return x;
}
