// check.h: the verdict of a test program of tests/micro (ipctest.c,
// pmtest.c, constest.c, fstest.c): check() prints "FAIL what (got N)"
// for each broken rule and counts it; the program ends with its PASSED
// or FAILED line. A program in several files (ipctest.c and ipcmem.c)
// defines CHECK_SHARED before this, and one of its files defines
// failures: every file's checks count in its verdict.

#ifdef CHECK_SHARED
extern int failures;
#else
static int failures;
#endif

static void
check(int ok, char *what, int got)
{
  if (!ok) {
    printf("FAIL %s (got %d)\n", what, got);
    failures++;
  }
}
