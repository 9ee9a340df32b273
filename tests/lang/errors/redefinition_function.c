// ERROR: 7:5: redefinition of 'f'
int f(void)
{
    return 1;
}

int f(void)
{
    return 2;
}
