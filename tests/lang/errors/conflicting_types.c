// ERROR: 4:6: conflicting types for 'scale'
int scale(int x);

char scale(int x)
{
    return x * 2;
}
