// ERROR: 4:12: implicit declaration of function 'helper'
int main(void)
{
    return helper(3);
}
