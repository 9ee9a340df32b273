// ERROR: 7:5: incompatible types when returning 'struct point' from a function with return type 'int'
struct point { int x, y; };

static int get(void)
{
    struct point p = {1, 2};
    return p;
}

int main(void)
{
    return get();
}
