// ERROR: 5:9: redefinition of 'i'
int main(void)
{
    int i = 0;
    int i = 1;
    return i;
}
