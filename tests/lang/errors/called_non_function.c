// ERROR: 5:12: called object is not a function
int main(void)
{
    int value = 3;
    return value(2);
}
