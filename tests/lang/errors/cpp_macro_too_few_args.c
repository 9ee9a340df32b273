// ERROR: 6:12: macro 'MAX' requires 2 arguments, but only 1 given
#define MAX(a, b) ((a) > (b) ? (a) : (b))

int main(void)
{
    return MAX(3);
}
