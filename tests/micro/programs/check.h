// check.h: the verdict of a test program of tests/micro (ipctest.c,
// pmtest.c, constest.c, fstest.c): check() prints "FAIL what (got N)"
// for each broken rule and counts it; the program ends with its PASSED
// or FAILED line.

static int failures;

static void
check(int ok, char *what, int got)
{
  if (!ok) {
    printf("FAIL %s (got %d)\n", what, got);
    failures++;
  }
}
