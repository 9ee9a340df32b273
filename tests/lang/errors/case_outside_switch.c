// ERROR: 5:5: case label not within a switch statement
int main(void)
{
    int x = 1;
    case 1:
    x = 2;
    return x;
}
