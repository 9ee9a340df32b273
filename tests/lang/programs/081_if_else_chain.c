#include <stdio.h>

static const char *grade(int score)
{
    if (score >= 90)
        return "A";
    else if (score >= 80)
        return "B";
    else if (score >= 70)
        return "C";
    else if (score >= 60)
        return "D";
    else
        return "F";
}

int main(void)
{
    int scores[] = {95, 85, 75, 65, 55, 90, 0};
    int i;
    for (i = 0; i < 7; i++)
        printf("%d:%s ", scores[i], grade(scores[i]));
    printf("\n");
    int x = 5;
    if (x > 3)
        if (x > 10)
            printf("big\n");
        else                    /* binds to the inner if */
            printf("medium\n");
    return 0;
}
