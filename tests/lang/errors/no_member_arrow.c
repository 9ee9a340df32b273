// ERROR: 8:15: 'struct node' has no member named 'nxt'
struct node { int value; struct node *next; };

int main(void)
{
    struct node n = {1, 0};
    struct node *p = &n;
    return p->nxt == 0;
}
