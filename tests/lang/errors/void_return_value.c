// ERROR: 7:5: void function 'reset' should not return a value
static int state;

static void reset(void)
{
    state = 0;
    return 1;
}

int main(void)
{
    reset();
    return 0;
}
