// ERROR: 4:31: too many initializers for 'char[2]'
int main(void)
{
    char pair[2] = {'a', 'b', 'c'};
    return pair[0];
}
