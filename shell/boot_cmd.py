"""`minos boot`: build if needed, boot, and attach the terminal to the console."""

from vm.machine import ENGINES

from . import timeline
from .build import KERNELS
from .console import attach
from .project import command_root
from .inject import add_inject_option, injector_for, report_injected
from .system import System


def register(sub):
    p = sub.add_parser("boot", help="build if needed and boot the OS into its shell",
                       description="Build the chosen kernel and its file system if anything "
                                   "changed, boot it, and attach this terminal to its console.")
    p.add_argument("--kernel", default="mono", choices=KERNELS)
    p.add_argument("--cores", type=int, default=1)
    p.add_argument("--mem", type=int, default=16, metavar="MIB")
    p.add_argument("--seed", type=int)
    p.add_argument("--engine", choices=sorted(ENGINES), help="execution engine: fast (translated blocks) or ref (the reference interpreter)")
    p.add_argument("--exit-zero", action="store_true",
                   help="exit with 0 when the OS powers off, whatever its shell's last status "
                        "(`make boot` uses it); minos's own errors still exit with 1")
    add_inject_option(p)
    timeline.add_options(p)
    p.set_defaults(func=run)


def system_powered_off(system):
    """Did the OS stop by itself (power off, or waiting for input that ended)?"""
    result = system.result
    return result is None or result.reason in ("halt", "idle")


def run(args):
    recorder = timeline.recorder_for(args)
    root = command_root("boot")
    injector = injector_for(args, root)
    system = System(kernel=args.kernel, cores=args.cores, mem_mib=args.mem, seed=args.seed,
                    engine=args.engine, root=root,
                    on_boot=[fn for fn in (recorder and recorder.booted, injector) if fn])
    try:
        status = attach(system)
        return 0 if args.exit_zero and system_powered_off(system) else status
    finally:
        if recorder:
            timeline.report(recorder, "boot")
        report_injected(injector, "boot")
        system.close()
