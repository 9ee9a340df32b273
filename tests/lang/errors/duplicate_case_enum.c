// ERROR: 11:5: duplicate case value 1
enum color { RED, GREEN, BLUE = 1 };

int main(void)
{
    enum color c = RED;
    switch (c) {
    case RED:
    case GREEN:
        return 1;
    case BLUE:
        return 2;
    }
    return 0;
}
