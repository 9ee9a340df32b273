// ERROR: 2:29: division by zero in constant expression
enum { SIZE = 8, BAD = SIZE / 0 };

int main(void)
{
    return BAD;
}
