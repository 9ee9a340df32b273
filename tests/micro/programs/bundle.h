// bundle.h: a root-task test program of tests/micro (fstest.c,
// fsthreads.c) finds the servers' images in its boot bundle by name.

// The number of the bundle image called want, or -1.
static int
bundlefind(char *want)
{
  char name[16];
  int i;

  for (i = 1; bundle_image(i, name) >= 0; i++)
    if (strcmp(name, want) == 0)
      return i;
  return -1;
}
