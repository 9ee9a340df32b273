#include <stdio.h>

#define OUTER 1
#define INNER 0

int main(void)
{
#if OUTER
    printf("outer\n");
#  if INNER
    printf("inner\n");
#  else
    printf("not inner\n");
#    ifdef OUTER
    printf("deep\n");
#    endif
#  endif
#else
#  if 1
    printf("skipped even though 1\n");
#  endif
#endif
#ifdef MISSING
#  error this must be skipped
#endif
    return 0;
}
