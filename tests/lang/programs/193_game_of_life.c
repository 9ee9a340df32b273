#include <stdio.h>
#include <string.h>

#define W 8
#define H 6

static char grid[H][W], next[H][W];

static int neighbours(int r, int c)
{
    int dr, dc, n = 0;
    for (dr = -1; dr <= 1; dr++)
        for (dc = -1; dc <= 1; dc++) {
            if (!dr && !dc)
                continue;
            int rr = (r + dr + H) % H, cc = (c + dc + W) % W;
            n += grid[rr][cc];
        }
    return n;
}

static void show(void)
{
    int r, c;
    for (r = 0; r < H; r++) {
        for (c = 0; c < W; c++)
            putchar(grid[r][c] ? '#' : '.');
        putchar('\n');
    }
    putchar('\n');
}

int main(void)
{
    int gen, r, c;
    grid[0][1] = grid[1][2] = grid[2][0] = grid[2][1] = grid[2][2] = 1;   /* a glider */
    for (gen = 0; gen < 4; gen++) {
        for (r = 0; r < H; r++)
            for (c = 0; c < W; c++) {
                int n = neighbours(r, c);
                next[r][c] = n == 3 || (n == 2 && grid[r][c]);
            }
        memcpy(grid, next, sizeof grid);
    }
    show();
    return 0;
}
