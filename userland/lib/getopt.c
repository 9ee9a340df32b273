/* getopt.c: POSIX getopt (declared in userland/include/unistd.h).
 *
 * Each call looks at argv[optind]: "-abc" is three options, "-ofile" and
 * "-o file" give o its argument in optarg when optstring has "o:". It
 * returns the option's letter; '?' for a letter not in optstring (or ':'
 * for a missing argument when optstring starts with ':'), with the letter
 * in optopt and, unless opterr is 0 or optstring starts with ':', a
 * message "PROG: invalid option -- 'x'" on stderr; and -1 at the first
 * argument that is not an option, at "-" alone, or after "--" (skipped).
 * The operands are then argv[optind] .. argv[argc - 1]. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt;

static int next_char = 1;   /* where in argv[optind] the next letter is */

int getopt(int argc, char **argv, const char *optstring)
{
    char *arg, *spec;
    int c, quiet = optstring[0] == ':';

    optarg = 0;
    if (optind >= argc)
        return -1;
    arg = argv[optind];
    if (next_char == 1) {
        if (arg[0] != '-' || arg[1] == 0)
            return -1;                  /* an operand, or "-" (stdin) */
        if (strcmp(arg, "--") == 0) {
            optind++;
            return -1;
        }
    }
    c = arg[next_char++];
    optopt = c;
    spec = c == ':' ? 0 : strchr(optstring + quiet, c);
    if (arg[next_char] == 0) {          /* the last letter of this argument */
        optind++;
        next_char = 1;
    }
    if (spec == 0) {
        if (opterr && !quiet)
            fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
        return '?';
    }
    if (spec[1] == ':') {
        if (next_char != 1) {           /* -ofile: the rest of this argument */
            optarg = arg + next_char;
            optind++;
            next_char = 1;
        } else if (optind < argc) {     /* -o file */
            optarg = argv[optind++];
        } else {
            if (opterr && !quiet)
                fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
            return quiet ? ':' : '?';
        }
    }
    return c;
}
