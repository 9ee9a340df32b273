// ERROR: 2:1: function 'compute' declared without a return type
compute(int x)
{
    return x * 2;
}

int main(void)
{
    return compute(2);
}
