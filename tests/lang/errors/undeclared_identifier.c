// ERROR: 5:20: undeclared identifier 'count'
int main(void)
{
    int total = 0;
    return total + count;
}
