// ERROR: 4:15: unterminated comment
int main(void)
{
    return 0; /* this comment never ends
}
