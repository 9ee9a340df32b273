// ERROR: 6:13: division by zero in constant expression
int main(void)
{
    int x = 3;
    switch (x) {
    case 10 % 0:
        return 1;
    }
    return 0;
}
