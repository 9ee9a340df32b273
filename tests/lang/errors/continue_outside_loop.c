// ERROR: 5:5: continue statement not within a loop
int main(void)
{
    int x = 1;
    continue;
    return x;
}
