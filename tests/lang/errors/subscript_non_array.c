// ERROR: 5:12: subscripted value is not an array or pointer
int main(void)
{
    int n = 5;
    return n[2];
}
