// ERROR: 6:12: macro 'SQUARE' passed 2 arguments, but takes just 1
#define SQUARE(x) ((x) * (x))

int main(void)
{
    return SQUARE(1, 2);
}
