// ERROR: 3:5: redefinition of 'limit'
int limit = 10;
int limit = 20;

int main(void)
{
    return limit;
}
