// pgtbl: print a process's page table (lab pgtbl).
//
//   pgtbl              this process's own page table
//   pgtbl PID          the page table of process PID
//   pgtbl -s PAGES     grow the heap by PAGES pages first, write to the
//                      first and the last of them, then print our own
//                      table (with lazy allocation only those two show)
//
// The kernel prints the table on the console (the vmprint system call);
// labs/pgtbl/README.md describes the format. Nothing is printed through
// stdio before that, so the table shows no heap page of stdio's buffers.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minos.h>

#define PAGE 4096

static void usage(void)
{
    die("usage: pgtbl [PID | -s PAGES]");
}

int main(int argc, char **argv)
{
    int pid = 0, pages;
    char *heap;

    if (argc == 3 && strcmp(argv[1], "-s") == 0) {
        if (parse_int(argv[2], &pages) < 0 || pages < 1 || pages > 0x7FFFF)
            usage();
        heap = sbrk(pages * PAGE);
        if (heap == (char *)-1)
            die("pgtbl: sbrk of %d pages failed", pages);
        heap[0] = 1;
        heap[(pages - 1) * PAGE] = 1;
    } else if (argc == 2) {
        if (parse_int(argv[1], &pid) < 0 || pid < 1)
            usage();
    } else if (argc != 1) {
        usage();
    }
    if (vmprint(pid) < 0)
        die("pgtbl: no process %d, or it is running on another core", pid);
    return 0;
}
