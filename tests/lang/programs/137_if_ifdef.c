#include <stdio.h>

#define FEATURE_A
#define LEVEL 3

int main(void)
{
#ifdef FEATURE_A
    printf("A on\n");
#else
    printf("A off\n");
#endif
#ifdef FEATURE_B
    printf("B on\n");
#endif
#ifndef FEATURE_B
    printf("B off\n");
#endif
#if LEVEL > 2
    printf("level high\n");
#endif
#if 0
    this is not C at all, and is skipped $ @
#endif
    return 0;
}
