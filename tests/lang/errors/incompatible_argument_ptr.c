// ERROR: 13:18: incompatible type for argument 1 of 'first': expected 'struct pair *', got 'int'
struct pair { int a, b; };

static int first(struct pair *p)
{
    return p->a;
}

int main(void)
{
    int n = 3;
    struct pair q = {1, 2};
    return first(n) + first(&q);
}
