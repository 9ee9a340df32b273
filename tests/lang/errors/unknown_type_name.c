// ERROR: 2:1: unknown type name 'word_t'
word_t value;

int main(void)
{
    return 0;
}
