// ERROR: 2:2: unterminated #ifdef
#ifdef DEBUG
int debug_level = 1;

int main(void)
{
    return 0;
}
