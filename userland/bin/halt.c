// halt: power the machine off (exit code N, default 0).
#include <stdio.h>
#include <unistd.h>
#include <minos.h>

int main(int argc, char **argv)
{
    int code = 0;
    if (argc > 2 || (argc == 2 && parse_int(argv[1], &code) < 0))
        die("usage: halt [CODE]");
    flushall();
    halt(code);
    return 1;
}
