// ERROR: 4:5: conflicting types for 'area'
int area(int w, int h);

int area(int w)
{
    return w * w;
}
