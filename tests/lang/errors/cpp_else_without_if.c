// ERROR: 6:2: #else without #if
int main(void)
{
    return 0;
}
#else
