#include <stdio.h>

static char board[10] = "X.O.X.O..";
static int nodes;

static int winner(void)
{
    static const int lines[8][3] = {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {0, 3, 6},
                                    {1, 4, 7}, {2, 5, 8}, {0, 4, 8}, {2, 4, 6}};
    int i;
    for (i = 0; i < 8; i++) {
        char a = board[lines[i][0]];
        if (a != '.' && a == board[lines[i][1]] && a == board[lines[i][2]])
            return a == 'X' ? 1 : -1;
    }
    return 0;
}

/* Score from X's point of view: +1 X wins, -1 O wins, 0 draw. */
static int minimax(char player, int *best_move)
{
    int w = winner(), i, best = player == 'X' ? -2 : 2, any = 0;
    nodes++;
    if (w)
        return w;
    for (i = 0; i < 9; i++) {
        if (board[i] != '.')
            continue;
        any = 1;
        board[i] = player;
        int dummy, s = minimax(player == 'X' ? 'O' : 'X', &dummy);
        board[i] = '.';
        if ((player == 'X' && s > best) || (player == 'O' && s < best)) {
            best = s;
            *best_move = i;
        }
    }
    return any ? best : 0;
}

int main(void)
{
    int move = -1;
    int score = minimax('O', &move);
    printf("O to move: best %d, score %d, %d nodes\n", move, score, nodes);
    board[move] = 'O';
    nodes = 0;
    score = minimax('X', &move);
    printf("X to move: best %d, score %d, %d nodes\n", move, score, nodes);
    return 0;
}
