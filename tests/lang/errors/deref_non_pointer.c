// ERROR: 5:12: cannot dereference non-pointer type 'int'
int main(void)
{
    int x = 5;
    return *x;
}
