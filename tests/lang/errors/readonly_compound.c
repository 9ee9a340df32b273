// ERROR: 6:10: assignment of read-only variable 'size'
static const int size = 4;

int main(void)
{
    size += 1;
    return size;
}
