// ERROR: 10:5: duplicate case value 2
int main(void)
{
    int x = 1;
    switch (x) {
    case 1:
    case 2:
        x = 5;
        break;
    case 1 + 1:
        x = 6;
    }
    return x;
}
