// ERROR: 5:9: non-void function 'value' should return a value
static int value(int x)
{
    if (x > 0)
        return;
    return x;
}

int main(void)
{
    return value(1);
}
