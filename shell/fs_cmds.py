"""The file-system subcommands: `minos mkfs` and `minos fsck` (lang/fs/)."""

from lang.fs import layout


def register(subparsers):
    p = subparsers.add_parser("mkfs", help="build a file-system image from host directories",
                              description="Build IMAGE holding the contents of every DIR in "
                                          "its root directory, plus /dev/console "
                                          "(docs/fs.md describes the format).")
    p.add_argument("image", metavar="IMAGE", help="image file to write")
    p.add_argument("dirs", nargs="*", metavar="DIR", help="host directories to copy in")
    p.add_argument("--size", type=int, default=layout.FSSIZE, metavar="BLOCKS",
                   help=f"image size in {layout.BSIZE}-byte blocks (default {layout.FSSIZE})")
    p.add_argument("--inodes", type=int, default=layout.NINODES, metavar="N",
                   help=f"number of inodes (default {layout.NINODES})")
    p.set_defaults(func=cmd_mkfs)

    p = subparsers.add_parser("fsck", help="check a file-system image",
                              description="Report every inconsistency in IMAGE; exit 1 if "
                                          "there is any.")
    p.add_argument("image", metavar="IMAGE")
    p.add_argument("--repair", action="store_true",
                   help="replay a committed but uninstalled log before checking")
    p.set_defaults(func=cmd_fsck)


def cmd_mkfs(args):
    from lang.fs.mkfs import make_image
    make_image(args.image, args.dirs, args.size, args.inodes)
    return 0


def cmd_fsck(args):
    """An exo disk (a boot bundle, then the Unix library OS's file system)
    is checked from where its file system starts."""
    from lang.fs.fsck import fsck
    from .build import exo_fs_start
    try:
        with open(args.image, "rb") as f:
            start = exo_fs_start(f.read(4096))
    except OSError:
        start = 0                       # (fsck reports the file's problem)
    if start:
        print(f"{args.image}: an exo disk: its file system starts at block {start}")
    return fsck(args.image, args.repair, start=start)
