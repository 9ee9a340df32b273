// ERROR: 6:15: dereferencing pointer to incomplete type 'struct secret'
struct secret;

int peek(struct secret *s)
{
    return s->value;
}
