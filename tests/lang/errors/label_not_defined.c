// ERROR: 7:13: label 'finish' used but not defined
int main(void)
{
    int i = 0;
    while (i < 10) {
        if (i == 5)
            goto finish;
        i++;
    }
    return i;
}
