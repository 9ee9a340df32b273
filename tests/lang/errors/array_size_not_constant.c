// ERROR: 3:11: array size must be a positive integer constant
int n = 5;
int table[n];

int main(void)
{
    return 0;
}
