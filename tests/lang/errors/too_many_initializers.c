// ERROR: 4:26: too many initializers for 'int[3]'
int main(void)
{
    int a[3] = {1, 2, 3, 4};
    return a[0];
}
