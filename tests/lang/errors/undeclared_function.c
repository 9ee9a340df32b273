// ERROR: 4:12: undeclared identifier 'helper'
int main(void)
{
    return helper(3);
}
