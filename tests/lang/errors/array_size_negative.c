// ERROR: 4:15: array size must be a positive integer constant
int main(void)
{
    int table[-4];
    return 0;
}
