// ERROR: 7:9: continue statement not within a loop
int main(void)
{
    int x = 1;
    switch (x) {
    case 1:
        continue;
    }
    return x;
}
