// ERROR: 3:10: 'no_such_header.h' file not found
#include <stdio.h>
#include "no_such_header.h"

int main(void)
{
    return 0;
}
