"""`minos build [--kernel K]`: compile the kernel and userland and make fs.img."""

from .build import KERNELS, build
from .project import command_root


def register(sub):
    p = sub.add_parser("build", help="build kernel.img and fs.img for a kernel",
                       description="Compile kernel/ and userland/ for one kernel structure into "
                                   "build/<kernel>/kernel.img and build/<kernel>/fs.img. Only "
                                   "changed sources are recompiled.")
    p.add_argument("--kernel", default="mono", choices=KERNELS)
    p.add_argument("-O", dest="opt", type=int, default=1, choices=(0, 1), help="optimization level")
    p.set_defaults(func=run)


def run(args):
    result = build(args.kernel, root=command_root("build"), opt=args.opt)
    print(f"{result.kernel_img}\n{result.fs_img} ({len(result.programs)} programs; "
          f"{result.compiled} files compiled, the rest cached)")
    return 0
