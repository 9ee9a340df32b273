// ERROR: 3:6: conflicting types for 'counter'
extern int counter;
char counter;

int main(void)
{
    return counter;
}
