// ERROR: 2:17: unknown type name 'size'
int area(int w, size h)
{
    return w * h;
}
