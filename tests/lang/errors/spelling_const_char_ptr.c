// ERROR: 12:17: incompatible type for argument 1 of 'show': expected 'const char *', got 'struct point'
struct point { int x, y; };

static int show(const char *s)
{
    return s[0];
}

int main(void)
{
    struct point p = {1, 2};
    return show(p);
}
