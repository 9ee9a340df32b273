#include <stdio.h>

#define N 6

static int cols[N];
static int solutions;

static int safe(int row, int col)
{
    int r;
    for (r = 0; r < row; r++) {
        int c = cols[r];
        if (c == col || c - col == r - row || c - col == row - r)
            return 0;
    }
    return 1;
}

static void place(int row)
{
    int c;
    if (row == N) {
        if (++solutions == 1) {
            int r;
            for (r = 0; r < N; r++)
                printf("%d", cols[r]);
            printf("\n");
        }
        return;
    }
    for (c = 0; c < N; c++)
        if (safe(row, c)) {
            cols[row] = c;
            place(row + 1);
        }
}

int main(void)
{
    place(0);
    printf("%d solutions\n", solutions);
    return 0;
}
