"""`minos debug`: the step-through debugger (docs/debugger.md)."""

import os
import re
import sys

from vm.errors import MinosError
from vm.image import Image
from vm.machine import Machine

HERE = os.path.dirname(os.path.abspath(__file__))
SYSCALL_HEADER = os.path.join(os.path.dirname(HERE), "kernel", "include", "syscall.h")


def register(sub):
    p = sub.add_parser("debug", help="debug a program or the kernel, step by step (and backwards)",
                       description="Start the machine stopped before its first instruction and "
                                   "debug it with gdb-like commands (help lists them).")
    p.add_argument("--bare", metavar="IMAGE", help="debug a bare-machine program (from minos cc --bare)")
    p.add_argument("--kernel", help="debug the system with this kernel (mono, micro, exo)")
    p.add_argument("--cores", type=int, default=1, help="number of cores (1-16)")
    p.add_argument("--mem", type=int, default=16, metavar="MIB", help="RAM in MiB (default 16)")
    p.add_argument("--disk", help="disk image (the debugger works on a copy: the file is not changed)")
    p.add_argument("--seed", type=int, help="shuffle the interleaving of cores reproducibly")
    p.add_argument("--input", default="", help="console input, typed before the program starts (\\n for newline)")
    p.add_argument("-x", dest="scripts", action="append", default=[], metavar="FILE",
                   help="run the debugger commands in FILE first")
    p.add_argument("-ex", dest="commands", action="append", default=[], metavar="CMD",
                   help="run this command first (after -x files)")
    p.add_argument("--batch", action="store_true", help="exit after the -x/-ex commands")
    p.add_argument("--snapshot-every", type=int, default=20000, metavar="N",
                   help="instructions between snapshots for going back (default 20000)")
    p.add_argument("--budget", type=int, default=50_000_000, metavar="N",
                   help="most instructions one command may run (default 50 million)")
    p.set_defaults(func=run)


def syscall_names(header=SYSCALL_HEADER, prefix="SYS_"):
    """NUMBER -> name from a kernel's system-call list (#define PREFIXname N
    lines), if it is there."""
    names = {}
    try:
        with open(header) as f:
            for m in re.finditer(rf"#define\s+{prefix}(\w+)\s+(\d+)", f.read()):
                names[int(m.group(2))] = m.group(1)
    except OSError:
        pass
    return names


def kernel_syscall_names(kernel):
    """The system-call names of a kernel, for `catch syscall`: mono's
    syscall.h, micro's ipc.h, exo's exoabi.h."""
    root = os.path.dirname(HERE)
    if kernel == "micro":
        return syscall_names(os.path.join(root, "kernel", "include", "ipc.h"))
    if kernel == "exo":
        return syscall_names(os.path.join(root, "kernel", "exo", "exoabi.h"), "EXO_")
    return syscall_names()


def build_session(image_path, cores=1, mem=16, disk=None, seed=None, input_text=b"",
                  write=None, color=False, snapshot_every=20000, budget=50_000_000):
    """The engine and session for a bare program (also used by the tests)."""
    from shell.debugger.engine.symbols import Program, Programs
    image = Image.load(image_path)
    disk_data = None
    if disk:
        try:
            with open(disk, "rb") as f:
                disk_data = bytearray(f.read())
        except OSError as e:
            raise MinosError(f"{disk}: cannot read the disk image: {e.strerror}") from None
    machine = Machine(cores=cores, mem_mib=mem, disk=disk_data, seed=seed)
    machine.load_image(image)
    programs = Programs()
    programs.add(Program.from_image(image_path))
    return attach(machine, programs, write, color, snapshot_every, budget, input_text)


def attach(machine, programs, write=None, color=False, snapshot_every=20000, budget=50_000_000,
           input_text=b""):
    """A debugging session on a machine that exists already (for `minos boot`
    to enter the debugger): the engine takes over the machine's console
    (output goes through the session, input through `input`)."""
    from shell.debugger.session import Session
    from shell.debugger.engine.engine import Engine
    session = None

    def on_output(data):
        session.console(data)
    engine = Engine(machine, programs, on_output, snapshot_interval=snapshot_every, budget=budget)
    engine.syscall_names = syscall_names()
    session = Session(engine, write or sys.stdout.write, color)
    if input_text:
        engine.feed_input(input_text)
    return session


def build_kernel_session(kernel, cores=1, mem=16, seed=None, input_text=b"", write=None,
                         color=False, snapshot_every=20000, budget=50_000_000, root=None):
    """The system with a kernel: the kernel image (its debug info applies in
    ring 0), the file system image as the disk, and every user program's
    debug info, which applies in ring 3 where the kernel's process table
    says that program runs."""
    from shell.build import build
    from shell.project import command_root
    images = build(kernel, root=root or command_root("debug"))
    with open(images.fs_img, "rb") as f:
        disk_data = bytearray(f.read())
    machine = Machine(cores=cores, mem_mib=mem, disk=disk_data, seed=seed)
    machine.load_image(str(images.kernel_img))
    return attach_system(machine, images, write, color, snapshot_every, budget, input_text)


def attach_system(machine, images, write=None, color=False, snapshot_every=20000,
                  budget=50_000_000, input_text=b""):
    """A session on a machine running a built system (a kernel and its
    programs): also how `minos boot` enters the debugger."""
    from pathlib import Path

    from lang.debuginfo import DebugInfo
    from shell.debugger.engine.osaware import program_resolver, waiting_for_input
    from shell.debugger.engine.symbols import Program, Programs, Scope
    programs = Programs()
    root = Path(images.root)
    programs.add(Program.from_image(str(images.kernel_img), "kernel", Scope(ring=0)))
    for dbg in sorted((Path(images.dir) / "debug" / "bin").glob("*.dbg")):
        programs.add(Program(dbg.stem, DebugInfo.from_file(str(dbg)), Scope(ring=3, by_process=True),
                             [str(root / "userland"), str(root)]))
    session = attach(machine, programs, write, color, snapshot_every, budget, input_text)
    programs.resolver = program_resolver(session.engine)
    session.engine.input_waiting = waiting_for_input
    session.engine.syscall_names = kernel_syscall_names(getattr(images, "kernel", "mono"))
    return session


def run(args):
    if args.kernel and args.bare:
        raise MinosError("give either --bare IMAGE or --kernel NAME, not both")
    if args.snapshot_every < 100:
        raise MinosError("--snapshot-every must be at least 100")
    tty = sys.stdout.isatty()
    write, console = _writer(tty)
    input_text = args.input.encode().decode("unicode_escape").encode("latin-1")
    if args.bare:
        session = build_session(args.bare, args.cores, args.mem, args.disk, args.seed, input_text,
                                write, tty, args.snapshot_every, args.budget)
        what = args.bare
    else:
        session = build_kernel_session(args.kernel or "mono", args.cores, args.mem, args.seed,
                                       input_text, write, tty, args.snapshot_every, args.budget)
        what = f"the {args.kernel or 'mono'} kernel"
    session.rich_console = console
    from shell.debugger import repl
    if tty:
        repl.attach_status(session, sys.stdout)
    try:
        session.write(f"minos debugger: {what}, {args.cores} core{'s' if args.cores > 1 else ''}, "
                      f"stopped before the first instruction. Type help for the commands.")
        session.show_location(force_frame=True)
        for path in args.scripts:
            repl.run_script(session, path)
        for cmd in args.commands:
            if session.quit:
                break
            session.write(repl.PROMPT + cmd)
            repl.run_command(session, cmd)
        if not args.batch and not session.quit:
            if sys.stdin.isatty():
                repl.interactive(session)
            else:
                repl.plain_lines(session, sys.stdin)
    finally:
        session.engine.machine.close()
        sys.stdout.flush()
    return 0


def _writer(tty):
    """(write function, rich console or None): plain text unless on a terminal."""
    if not tty:
        def write(text):
            sys.stdout.write(text)
        return write, None
    from rich.console import Console
    console = Console(highlight=True)

    def write_color(text):
        # rich highlights numbers, addresses and strings; markup in program text is not interpreted
        console.print(text, end="", markup=False, soft_wrap=True)
    return write_color, console
