#include <stdio.h>
#include <string.h>

struct node { int freq; int sym; int left, right; int order; };

static struct node nodes[64];
static int nnodes;

/* Index of the smallest live node; ties go to the lower creation order. */
static int take_min(int *live, int *nlive)
{
    int best = 0, i;
    for (i = 1; i < *nlive; i++) {
        struct node *a = &nodes[live[i]], *b = &nodes[live[best]];
        if (a->freq < b->freq || (a->freq == b->freq && a->order < b->order))
            best = i;
    }
    int id = live[best];
    live[best] = live[--*nlive];
    return id;
}

static void print_codes(int id, char *prefix, int depth)
{
    if (nodes[id].sym >= 0) {
        prefix[depth] = 0;
        printf("%c %s\n", nodes[id].sym, depth ? prefix : "0");
        return;
    }
    prefix[depth] = '0';
    print_codes(nodes[id].left, prefix, depth + 1);
    prefix[depth] = '1';
    print_codes(nodes[id].right, prefix, depth + 1);
}

int main(void)
{
    const char *text = "abracadabra alakazam";
    int freq[128] = {0};
    int live[64], nlive = 0, c;
    const char *p;
    for (p = text; *p; p++)
        freq[(int)*p]++;
    for (c = 0; c < 128; c++)
        if (freq[c]) {
            memset(&nodes[nnodes], 0, sizeof nodes[0]);
            nodes[nnodes].freq = freq[c];
            nodes[nnodes].sym = c;
            nodes[nnodes].order = nnodes;
            live[nlive++] = nnodes++;
        }
    while (nlive > 1) {
        int a = take_min(live, &nlive), b = take_min(live, &nlive);
        struct node *n = &nodes[nnodes];
        n->freq = nodes[a].freq + nodes[b].freq;
        n->sym = -1;
        n->left = a;
        n->right = b;
        n->order = nnodes;
        live[nlive++] = nnodes++;
    }
    char prefix[32];
    print_codes(live[0], prefix, 0);
    return 0;
}
