// ERROR: 6:19: sizeof applied to incomplete type 'struct opaque'
struct opaque;

int main(void)
{
    return sizeof(struct opaque);
}
