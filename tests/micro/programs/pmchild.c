// pmchild.c: what pmtest.c execs: `pmchild exit N` prints its
// arguments and exits with status N; `pmchild` alone ends at once
// (the cost of a spawn).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
  if (argc == 1)
    return 0;
  if (argc == 3 && strcmp(argv[1], "exit") == 0) {
    printf("pmchild: %s %s %s (pid %d)\n", argv[0], argv[1], argv[2], getpid());
    exit(atoi(argv[2]));
  }
  printf("pmchild: usage: pmchild exit N\n");
  return 1;
}
