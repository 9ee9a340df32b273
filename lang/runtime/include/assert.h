/* assert.h: assert(e) prints "Assertion failed: e, file F, line L" and
 * aborts (exit status 134) when e is false. Defining NDEBUG before
 * including this header turns assertions off. No include guard: the C
 * standard lets a program include it again after changing NDEBUG. */
#undef assert

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
void __assert_fail(const char *expr, const char *file, int line);
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__))
#endif
