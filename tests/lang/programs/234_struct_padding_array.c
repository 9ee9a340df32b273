#include <stdio.h>

struct cs { char c; short s; };             /* 4 */
struct ic { int i; char c; };               /* 8: trailing padding */
struct ccc { char a, b, c; };               /* 3 */
struct sc { short s; char c; };             /* 4 */
struct nested { char c; struct sc inner; }; /* 6: aligned to 2 */

int main(void)
{
    struct ic arr[3];
    printf("%d %d %d %d %d\n", (int)sizeof(struct cs), (int)sizeof(struct ic),
           (int)sizeof(struct ccc), (int)sizeof(struct sc), (int)sizeof(struct nested));
    printf("%d\n", (int)sizeof arr);
    printf("%d\n", (int)((char *)&arr[1] - (char *)&arr[0]));
    printf("%d\n", (int)((char *)&arr[2].c - (char *)arr));
    struct ccc trio[4];
    printf("%d\n", (int)sizeof trio);
    return 0;
}
