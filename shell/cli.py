"""The `minos` command: one entry point, one module per group of subcommands.

Each module listed in COMMAND_MODULES has a register(subparsers) function that
adds its subcommands, each with set_defaults(func=handler). A handler returns
the exit status. Errors meant for people (vm.errors.MinosError) print as one
line; anything else is a bug and keeps its traceback.

Start-up time: a module's imports are paid for only when one of its
subcommands runs. COMMANDS names each subcommand's module and its line in
`minos --help`, so `minos machine` imports neither the compiler nor the
translator's code generator, and `minos --help` no command module at all
(tests/shell/test_cli_imports.py checks the table against the modules).
A module in COMMAND_MODULES but not in COMMANDS is imported every time.
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
    "shell.dap.cmd",          # dap
    "shell.fuzz_cmd",         # fuzz
]


# subcommand -> (the module that registers it, its line in `minos --help`)
COMMANDS = {
    "as": ("shell.toolchain_cmds", "assemble a .s file into an object file"),
    "ld": ("shell.toolchain_cmds", "link object files into an executable image"),
    "objdump": ("shell.toolchain_cmds", "show the contents of an image or object file"),
    "machine": ("shell.machine_cmd", "run an image on the bare machine"),
    "cc": ("shell.cc_cmd", "compile C (and assemble/link) for the minos machine"),
    "build": ("shell.build_cmd", "build kernel.img and fs.img for a kernel"),
    "debug": ("shell.debug_cmd", "debug a program or the kernel, step by step (and backwards)"),
    "mkfs": ("shell.fs_cmds", "build a file-system image from host directories"),
    "fsck": ("shell.fs_cmds", "check a file-system image"),
    "boot": ("shell.boot_cmd", "build if needed and boot the OS into its shell"),
    "run": ("shell.run_cmd", "boot, run shell commands in the OS, print their output"),
    "lab": ("shell.lab_cmds", "course labs: list them, export a student tree"),
    "grade": ("shell.lab_cmds", "build, boot and grade a lab"),
    "prof": ("shell.perf.prof_cmd", "run commands in the OS and count instructions by function"),
    "bench": ("shell.perf.bench", "the same operations on each kernel, in exact counters"),
    "dap": ("shell.dap.cmd", "debug through the Debug Adapter Protocol (VS Code, nvim-dap)"),
}


def build_parser(argv=None):
    """The parser of the `minos` command line argv: the subcommand it names
    registered by its module, every other subcommand of COMMANDS by its
    name and help line only. argv None: every module registered."""
    parser = argparse.ArgumentParser(
        prog="minos", description="minos: a teaching operating system on a machine built in Python")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = next((a for a in argv if not a.startswith("-")), None) if argv is not None else None
    listed = {module for module, _ in COMMANDS.values()}
    wanted = [m for m in COMMAND_MODULES
              if argv is None or m not in listed or COMMANDS.get(named, ("",))[0] == m]
    registered = set()
    for name, (module, help) in COMMANDS.items():
        if module not in wanted:
            sub.add_parser(name, help=help, add_help=False)
        elif module not in registered:
            importlib.import_module(module).register(sub)
            registered.add(module)
    for module in wanted:
        if module not in registered:
            importlib.import_module(module).register(sub)
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
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
