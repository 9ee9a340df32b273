// ERROR: 5:17: invalid operands to binary + ('char *' and 'char *')
int main(void)
{
    char *s = "ab", *t = "cd";
    char *u = s + t;
    return *u;
}
