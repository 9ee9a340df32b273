"""The toolchain subcommands: `minos as`, `minos ld`, `minos objdump`."""

import os
import sys

from lang.link import LinkError


def register(subparsers):
    p = subparsers.add_parser("as", help="assemble a .s file into an object file",
                              description="Assemble SOURCE into an object file "
                                          "(docs/formats.md describes both).")
    p.add_argument("source", help="assembly source (.s)")
    p.add_argument("-o", dest="output", metavar="OBJ",
                   help="object file to write (default: SOURCE with .o)")
    p.set_defaults(func=cmd_as)

    p = subparsers.add_parser("ld", help="link object files into an executable image",
                              description="Link object files into IMAGE and its debug "
                                          "file IMAGE.dbg.")
    p.add_argument("objects", nargs="+", metavar="OBJ", help="object files, in link order")
    p.add_argument("-o", dest="output", metavar="IMAGE", default="a.img",
                   help="image to write (default: a.img)")
    p.add_argument("--entry", metavar="SYM",
                   help="entry point: a global symbol or an address "
                        "(default: _start if defined, else the start of the text)")
    p.add_argument("--base", metavar="ADDR", default="0x1000",
                   help="address of the first segment, a multiple of 4096 (default: 0x1000)")
    p.set_defaults(func=cmd_ld)

    p = subparsers.add_parser("objdump", help="show the contents of an image or object file",
                              add_help=False,
                              description="Show the headers (-h) or disassembly (-d) of an "
                                          "image (with IMAGE.dbg beside it) or object file.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-d", dest="disassemble", action="store_true", help="disassemble code")
    p.add_argument("-h", dest="headers", action="store_true",
                   help="segments or sections, symbols, relocations")
    p.add_argument("-l", dest="lines", action="store_true", help="with -d: show source lines")
    p.add_argument("--dbg", metavar="FILE",
                   help="the image's debug file (default: IMAGE.dbg, or for a built program "
                        "build/<kernel>/debug/bin/NAME.dbg)")
    p.add_argument("--help", action="help", help="show this help message and exit")
    p.set_defaults(func=cmd_objdump)


def cmd_as(args):
    from lang.asm import AsmError, assemble_file
    if args.source.endswith(".S"):
        raise AsmError(f"{args.source}: a .S file is preprocessed first: "
                       f"use `minos cc -c {args.source}`")
    output = args.output or os.path.splitext(args.source)[0] + ".o"
    assemble_file(args.source).save(output)
    return 0


def _address(text, option):
    try:
        return int(text, 0)
    except ValueError:
        raise LinkError(f"{option}: '{text}' is not an address") from None


def cmd_ld(args):
    from lang.link import link_files
    link_files(args.objects, args.output, args.entry, _address(args.base, "--base"))
    return 0


def cmd_objdump(args):
    from lang.objdump import objdump
    if not (args.disassemble or args.headers):
        print("minos objdump: give -d (disassemble) and/or -h (headers)", file=sys.stderr)
        return 2
    from shell.build import debug_file
    dbg = args.dbg or debug_file(args.file)
    sys.stdout.write(objdump(args.file, args.disassemble, args.headers, args.lines, dbg))
    return 0
