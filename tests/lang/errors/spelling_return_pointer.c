// ERROR: 8:5: incompatible types when returning 'int *' from a function with return type 'struct point'
struct point { int x, y; };

static int storage;

static struct point origin(void)
{
    return &storage;
}
