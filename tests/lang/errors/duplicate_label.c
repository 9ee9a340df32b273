// ERROR: 9:1: duplicate label 'again'
int main(void)
{
    int i = 0;
again:
    i++;
    if (i < 3)
        goto again;
again:
    return i;
}
