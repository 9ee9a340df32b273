/* The exit status of a program is main's return value. */
int main(void)
{
    return 42;
}
