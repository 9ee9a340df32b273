// ERROR: 4:14: expected ';' after '1'
int main(void)
{
    int x = 1
    return x;
}
