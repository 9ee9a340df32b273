"""The `minos` command: one entry point, one module per group of subcommands.

Each module listed in COMMAND_MODULES has a register(subparsers) function that
adds its subcommands, each with set_defaults(func=handler). A handler returns
the exit status. Errors meant for people (vm.errors.MinosError) print as one
line; anything else is a bug and keeps its traceback.
"""

import argparse
import importlib
import sys

from vm.errors import MinosError

COMMAND_MODULES = [
    "shell.toolchain_cmds",   # as, ld, objdump
    "shell.machine_cmd",      # machine
    "shell.cc_cmd",           # cc
    "shell.build_cmd",        # build
    "shell.debug_cmd",        # debug
    "shell.fs_cmds",          # mkfs, fsck
    "shell.boot_cmd",         # boot
    "shell.run_cmd",          # run
    "shell.lab_cmds",         # lab list/export, grade
    "shell.perf.prof_cmd",    # prof
    "shell.perf.bench",       # bench
    "shell.fuzz_cmd",         # fuzz
]


def build_parser():
    parser = argparse.ArgumentParser(
        prog="minos", description="minos: a teaching operating system on a machine built in Python")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except MinosError as e:
        print(f"minos {args.command}: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
