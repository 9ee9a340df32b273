"""`minos cc`: the C compiler driver on the command line (lang/cc/driver.py).

    minos cc prog.c -o prog.img --bare     compile and link a bare-machine program
    minos cc -c file.c -o file.o           compile to an object file
    minos cc -S file.c -o file.s           compile to assembly
    minos cc -E file.c                     preprocess only (to stdout)
"""

import sys

from lang.cc.driver import Driver, DriverError, Options, default_output, write_text


def register(subparsers):
    p = subparsers.add_parser("cc", help="compile C (and assemble/link) for the minos machine",
                              description="Compile C files for the minos machine.")
    p.add_argument("files", nargs="+", metavar="FILE", help=".c, .s, .S (preprocessed assembly) or .o files")
    p.add_argument("-o", dest="output", metavar="OUT", help="output file")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("-c", dest="mode", action="store_const", const="c",
                      help="compile or assemble to object files, do not link")
    mode.add_argument("-S", dest="mode", action="store_const", const="S",
                      help="compile to assembly text")
    mode.add_argument("-E", dest="mode", action="store_const", const="E",
                      help="preprocess only")
    p.add_argument("-g", dest="debug", action="store_true", default=True,
                   help="emit debug info (the default)")
    p.add_argument("-g0", dest="debug", action="store_false", help="no debug info")
    p.add_argument("-O0", dest="opt", action="store_const", const=0, default=1,
                   help="no optimisation: every variable in its stack slot")
    p.add_argument("-O1", dest="opt", action="store_const", const=1,
                   help="optimise (the default)")
    p.add_argument("-I", dest="include", action="append", default=[], metavar="DIR",
                   help="add DIR to the #include search path")
    p.add_argument("-D", dest="define", action="append", default=[], metavar="NAME[=VAL]",
                   help="define a macro")
    p.add_argument("--bare", action="store_true",
                   help="link the bare-machine runtime (crt0 + lang/runtime) so "
                        "`minos machine OUT` runs main; its return value is the exit status")
    p.add_argument("--no-cache", dest="cache", action="store_false",
                   help="do not use or fill the build cache")
    p.add_argument("-v", dest="verbose", action="store_true",
                   help="say which files were compiled and which came from the cache")
    p.set_defaults(func=run)


def _defines(items):
    out = {}
    for item in items:
        name, _, value = item.partition("=")
        if not name.isidentifier():
            raise DriverError(f"-D {item}: '{name}' is not a macro name")
        out[name] = value if "=" in item else "1"
    return out


def run(args):
    opts = Options(opt=args.opt, debug=args.debug, include_dirs=args.include,
                   defines=_defines(args.define), bare=args.bare, use_cache=args.cache)
    driver = Driver(opts)
    files = args.files
    if args.mode in ("E", "S", "c") and args.output and len(files) > 1:
        raise DriverError(f"-o with -{args.mode} needs exactly one input file")
    if args.mode == "E":
        for f in files:
            text = driver.preprocess(f)
            if args.output:
                write_text(args.output, text)
            else:
                sys.stdout.write(text)
    elif args.mode == "S":
        for f in files:
            if not f.endswith(".c"):
                raise DriverError(f"{f}: -S needs a .c file")
            write_text(args.output or default_output(f, ".s"), driver.compile_to_asm(f))
    elif args.mode == "c":
        for f in files:
            obj = driver.object_for(f)
            obj.save(args.output or default_output(f, ".o"))
    else:
        driver.link(files, args.output or "a.img")
    for w in driver.warnings:
        print(w, file=sys.stderr)
    if args.verbose:
        for f in driver.stats.compiled:
            print(f"compiled {f}", file=sys.stderr)
        for f in driver.stats.cached:
            print(f"cached   {f}", file=sys.stderr)
    return 0
