// ERROR: 3:2: unterminated #if
#define A 1
#if A

int main(void)
{
    return 0;
}
