// ERROR: 8:5: too many arguments to function 'tick' (expected 0, got 1)
static void tick(void)
{
}

int main(void)
{
    tick(5);
    return 0;
}
