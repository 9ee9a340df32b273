#include <stdio.h>

#define W 10
#define H 6

static char map[H][W + 1] = {
    "##########",
    "#....#...#",
    "#.##.#.#.#",
    "#.#..#.#.#",
    "#.#.####.#",
    "##########",
};

static int fill(int r, int c)
{
    if (r < 0 || r >= H || c < 0 || c >= W || map[r][c] != '.')
        return 0;
    map[r][c] = 'o';
    return 1 + fill(r + 1, c) + fill(r - 1, c) + fill(r, c + 1) + fill(r, c - 1);
}

int main(void)
{
    int n = fill(1, 1);
    int r;
    printf("%d\n", n);
    for (r = 0; r < H; r++)
        printf("%s\n", map[r]);
    printf("%d\n", fill(1, 6));
    return 0;
}
