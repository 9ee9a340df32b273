// ERROR: 3:15: initializer element is not constant
int base = 10;
int derived = base;

int main(void)
{
    return derived;
}
