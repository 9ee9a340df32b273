"""Building an OS: kernel image, user programs and the file-system image.

    build/<kernel>/kernel.img (+ .dbg)   kernel/core + kernel/<kernel>, linked at KERNEL_BASE
                                          (vm/image.py); for micro, with the boot bundle
    build/micro/servers/NAME              each server of servers/, an image in the bundle
                                          (its debug info in build/micro/debug/bin/NAME.dbg)
    build/<kernel>/root/bin/NAME          each userland program with libc, at USER_BASE
    build/<kernel>/debug/bin/NAME.dbg     its debug info (stays on the host)
    build/<kernel>/fs.img                 minos mkfs of build/<kernel>/root

Compiled objects are cached by content hash (lang/cc/cache.py), so a
rebuild after an edit recompiles only what changed. A build whose inputs
(every file under kernel/, userland/ and lang/, which holds the compiler)
hash the same as the last one's does nothing at all: tests boot the OS
hundreds of times, and relinking 40 programs costs a second each time.
Such a build needs neither the compiler nor the linker: they are imported
when something is compiled or linked (_driver, link_objects), so that
`minos run` after a build starts quickly.
"""

import functools
import hashlib
import json
import os
import re
from pathlib import Path

from vm.errors import MinosError
from vm.image import KERNEL_BASE, USER_BASE
from vm.record import Record

from .project import INSTALLED as ROOT
from .project import find_root
KERNELS = ("mono", "micro", "exo")
# Beside fs.img: what the file system said of the staging tree and of fs.img
# when the build made fs.img of the tree (disk_stat, built_disk_with).
DISK_STAT = "fs.img.stat"
# Kernels that build and boot but cannot run the userland yet (no libc
# backend, so no shell): nothing that needs a shell prompt (bench, run)
# may try them; each says why. (None now: micro's servers run the
# userland since issue 15's milestone B.)
NO_SHELL_YET = {}
# Kernels whose Unix has no writable file system yet: their files are
# the build's, read-only (the exo disk is a boot bundle: libos/unix).
NO_FILES_YET = {}


class BuildError(MinosError):
    pass


class Build(Record):
    """What a build made. (A Record, not a dataclass: vm/record.py.)"""

    def __init__(self, kernel, dir, root, kernel_img, fs_img, programs, compiled, fresh=False):
        self.kernel = kernel
        self.dir = dir
        self.root = root                # the minos tree whose sources were built (shell/project.py)
        self.kernel_img = kernel_img
        self.fs_img = fs_img
        self.programs = programs
        self.compiled = compiled        # files compiled this time (the rest came from the cache)
        self.fresh = fresh              # this build wrote the images (its inputs had changed)

    def replace(self, **changes):
        """A copy with these fields changed (as dataclasses.replace)."""
        return Build(**{**vars(self), **changes})


def sources(folder, patterns=("*.s", "*.S", "*.c")):
    found = []
    for pattern in patterns:
        found += sorted(Path(folder).glob(pattern))
    return found


def link_image(driver, files, output, base, entry, dbg=None, tmpdir=None, fixed=None):
    """Link files into an image at output, with its debug info at dbg
    (default: beside it, output.dbg). Shared build folders pass tmpdir so
    concurrent builds never see half-written files. fixed: a Fixed, more
    files whose writable sections lie at a fixed address (lang/link.py)."""
    objects = [driver.object_for(f) for f in files]
    pinned = None
    if fixed:
        chosen = [fixed.driver.object_for(f) for f in fixed.files]
        objects, pinned = objects + chosen, (fixed.addr, chosen)
    return link_objects(objects, output, base, entry, dbg, tmpdir, pinned)


class Fixed(Record):
    """Files linked into a program whose data and bss lie at addr in
    every program (lang/link.py: fixed), compiled with their own driver."""

    def __init__(self, addr, driver, files):
        self.addr = addr
        self.driver = driver
        self.files = files


def link_objects(objects, output, base, entry, dbg=None, tmpdir=None, fixed=None):
    """link_image for objects already compiled (fixed: (address, objects))."""
    from lang.link import link
    image, debug = link(objects, entry=entry, base=base, fixed=fixed)
    dbg = Path(dbg or str(output) + ".dbg")
    write_atomic(output, image.to_bytes(), tmpdir)
    write_atomic(dbg, json.dumps(debug).encode(), tmpdir)
    return image


def write_atomic(path, data, tmpdir):
    """Write a build output so that a concurrent build or boot (tests run in
    parallel) sees the old file or the new one, never half of one. The
    temporary file goes in tmpdir, outside the staging tree that mkfs reads."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tmpdir or path.parent)
    tmpdir.mkdir(parents=True, exist_ok=True)
    tmp = tmpdir / f".{path.name}.{os.getpid()}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, path)


# The bare runtime's portable files (docs/runtime.md), reused unchanged by
# the OS's libc; its machine files (crt0.s, console.c, exit.c, heap.c) are
# replaced by userland/lib's system-call versions.
RUNTIME_PORTABLE = ("printf", "puts", "string", "ctype", "stdlib", "qsort", "rand",
                    "malloc", "abort", "assert")


def user_library(kernel, root):
    """libc and its system-call backend for this kernel; crt0 first."""
    lib = root / "userland" / "lib"
    files = sources(lib)
    runtime = root / "lang" / "runtime"
    files += [runtime / f"{name}.c" for name in RUNTIME_PORTABLE]
    backend = lib / "backend" / kernel
    if backend.is_dir():
        if (backend / "crt0.s").is_file():      # the backend's own start replaces libc's
            files = [f for f in files if f.name != "crt0.s"]
        files += sources(backend)
    crt0 = [f for f in files if f.name == "crt0.s"]
    return crt0 + [f for f in files if f.name != "crt0.s"]


def user_include_dirs(root):
    """Where user code finds headers: userland/include, then the kernel's
    headers that userland shares (syscall.h; the Unix file-system formats
    in kernel/include/unix: fs.h, stat.h, fcntl.h; ipc.h for the micro
    backend), then servers/include (the micro backend's mk.h and the
    servers' message formats, proto.h)."""
    return [str(root / "userland" / "include"), str(root / "kernel" / "include" / "unix"),
            str(root / "kernel" / "include"), str(root / "servers" / "include")]


def _driver(opt, include_dirs, **options):
    """A compiler driver (lang/cc/driver.py, imported only when one is made)."""
    from lang.cc.driver import Driver, Options
    return Driver(Options(opt=opt, include_dirs=include_dirs, **options))


def user_driver(root, opt=1):
    """The compiler driver for user code."""
    return _driver(opt, user_include_dirs(root))


def kernel_drivers(root, kernel, opt=1):
    """The compiler drivers for a kernel: kernel/core sees only
    kernel/include (so a core file cannot include a personality's or a
    Unix header); the personality sees its own folder, the Unix headers
    and kernel/include."""
    include = root / "kernel" / "include"
    core = _driver(opt, [str(include)])
    personality = _driver(opt, [str(root / "kernel" / kernel), str(include / "unix"), str(include)])
    return core, personality


def kernel_objects(root, kernel, opt=1):
    """(objects of kernel/core then kernel/<kernel>, the drivers that made them)."""
    core, personality = kernel_drivers(root, kernel, opt)
    objects = [core.object_for(f) for f in sources(root / "kernel" / "core")]
    objects += [personality.object_for(f) for f in sources(root / "kernel" / kernel)]
    return objects, (core, personality)


# ---- the microkernel's boot bundle (kernel/include/bundle.h: its format) ----

@functools.cache
def bundle_format():
    """(BUNDLE_MAGIC, struct bundlehdr: magic and n, struct bundleent: name,
    off and size), read from bundle.h when a bundle is first made."""
    from lang.fs.layout import KERNEL_INCLUDE, Header
    header = Header(os.path.join(KERNEL_INCLUDE, "bundle.h"))
    return header.const("BUNDLE_MAGIC"), header.struct("bundlehdr"), header.struct("bundleent")


# The servers of the boot bundle, in order: image 0 is the root task.
# Each is servers/NAME.c, or every C file of a folder servers/NAME/.
SERVERS = ("root", "rs", "console", "disk", "fs", "pm")
# The bare runtime's files a server links (it has no libc: servers/lib
# gives the runtime its output and exit).
SERVER_RUNTIME = ("printf", "puts", "string", "ctype", "malloc", "abort")


def server_library(root):
    """What every image of the boot bundle links: crt0, the microkernel's
    call stubs, servers/lib and the runtime's portable files."""
    lib = root / "userland" / "lib"
    runtime = root / "lang" / "runtime"
    micro = lib / "backend" / "micro"
    return ([lib / "crt0.s", micro / "ipc.S", micro / "taskops.S"] + sources(root / "servers" / "lib")
            + [runtime / f"{name}.c" for name in SERVER_RUNTIME])


# The file-system core that kernel/mono compiles, portable through
# kernel/include/unix/fsport.h: the fs server links the same files.
FS_CORE = ("bio.c", "log.c", "fs.c", "fsops.c")


def server_sources(root, name):
    """The sources of server `name`: servers/NAME.c, or servers/NAME/*.c
    (for servers/fs, with the file-system core FS_CORE)."""
    single = root / "servers" / f"{name}.c"
    if single.is_file():
        return [single]
    files = sources(root / "servers" / name, ("*.c",))
    if name == "fs":
        files += [root / "kernel" / "mono" / core for core in FS_CORE]
    return files


def bundle_servers(root):
    """[(name, sources)] of SERVERS, for micro_kernel."""
    return [(name, server_sources(root, name)) for name in SERVERS]


def server_driver(root, opt=1, files=()):
    """The compiler driver for a server: its headers, and the kernel's
    shared ones (ipc.h, errnum.h). A server that compiles kernel/mono's
    file-system core (FS_CORE, through fsport.h) also sees kernel/mono's
    headers and the Unix ones."""
    dirs = [str(root / "servers" / "include"), str(root / "kernel" / "include")]
    if any(Path(f).parent.name == "mono" and Path(f).name in FS_CORE for f in files):
        dirs = [str(root / "kernel" / "mono"), str(root / "kernel" / "include" / "unix")] + dirs
    return _driver(opt, dirs)


def bundle_bytes(images):
    """The boot bundle of [(name, image bytes)]: magic, count, one entry
    (name, offset, size) per image, then the images, each 4-aligned."""
    magic, bundle_head, bundle_entry = bundle_format()
    head = bundle_head.size + bundle_entry.size * len(images)
    entries, blobs, offset = b"", b"", head
    for name, data in images:
        if len(name.encode()) > 15:
            raise BuildError(f"bundle image name '{name}' is longer than 15 bytes")
        entries += bundle_entry.pack({"name": name.encode(), "off": offset, "size": len(data)})
        padded = data + bytes(-len(data) % 4)
        blobs += padded
        offset += len(padded)
    return bundle_head.pack({"magic": magic, "n": len(images)}) + entries + blobs


def bundle_object(images):
    """The bundle as an object file defining `bundle` in .rodata."""
    from lang.obj import ObjectFile, Section, Symbol
    blob = bundle_bytes(images)
    section = Section(".rodata", flags="r", align=4, data=bytearray(blob))
    symbol = Symbol("bundle", ".rodata", 0, is_global=True, kind="object", size=len(blob))
    return ObjectFile(name="<boot bundle>", source="<boot bundle>", sections=[section], symbols=[symbol])


def link_bundle_images(root, programs, out, opt=1, tmpdir=None):
    """Link each (name, source or [sources]) into out/servers/NAME with the
    server library, its debug info where the debugger looks for a
    program's (out/debug/bin/NAME.dbg: a thread is named after its image);
    returns [(name, image bytes)] for bundle_bytes."""
    library = server_library(root)
    images = []
    for name, source in programs:
        target = Path(out) / "servers" / name
        files = list(source) if isinstance(source, (list, tuple)) else [source]
        image = link_image(server_driver(root, opt, files), library + files, target, USER_BASE, "_start",
                           dbg=Path(out) / "debug" / "bin" / (name + ".dbg"), tmpdir=tmpdir)
        images.append((name, image.to_bytes()))
    return images


def link_user_images(root, kernel, programs, out, opt=1, tmpdir=None):
    """Link each user program (name, source) with libc for `kernel` into
    out/root/bin/NAME (debug info in out/debug/bin); [(name, image bytes)].
    (micro's pm runs such images from the boot bundle before a file
    system exists: servers/pm/exec.c.)"""
    driver = user_driver(root, opt)
    library = user_library(kernel, root)
    images = []
    for name, source in programs:
        target = Path(out) / "root" / "bin" / name
        image = link_image(driver, library + [source], target, USER_BASE, "_start",
                           dbg=Path(out) / "debug" / "bin" / (name + ".dbg"), tmpdir=tmpdir)
        images.append((name, image.to_bytes()))
    return images


def micro_kernel(root, out, programs, opt=1, tmpdir=None, extra=()):
    """Link the micro kernel with a boot bundle of programs [(name, source)]
    (image 0 is the root task), then the images extra [(name, bytes)],
    into out/kernel.img."""
    images = link_bundle_images(root, programs, out, opt, tmpdir) + list(extra)
    objects, _ = kernel_objects(root, "micro", opt)
    link_objects(objects + [bundle_object(images)], Path(out) / "kernel.img", KERNEL_BASE, "_entry",
                 tmpdir=tmpdir)
    return Path(out) / "kernel.img"


def user_programs(root):
    return sources(root / "userland", ("*.c",)) + sources(root / "userland" / "bin", ("*.c",))


def build(kernel="mono", root=None, out=None, opt=1):
    """Build `kernel` from the tree at root (default: the tree the current
    folder is in, shell/project.py) into out (default: root/build/<kernel>)."""
    if kernel not in KERNELS:
        raise BuildError(f"unknown kernel '{kernel}' (choose from {', '.join(KERNELS)})")
    root = Path(root) if root else find_root()
    kdir = root / "kernel" / kernel
    if not kdir.is_dir():
        raise BuildError(f"the {kernel} kernel does not exist yet ({kdir} is missing)")
    if kernel in NO_SHELL_YET:
        raise BuildError(f"cannot build the {kernel} system yet: {NO_SHELL_YET[kernel]}")
    out = Path(out) if out else root / "build" / kernel
    kernel_img, fs_img = out / "kernel.img", out / "fs.img"
    stamp, tmp = out / "inputs.sha256", out / ".tmp"
    files = input_files(root)
    seen, digest = inputs_stat(root, kernel, opt, files), None
    last = stamp.read_text().split() if stamp.is_file() else []    # the last build's: digest, stat
    if last and kernel_img.is_file() and fs_img.is_file():
        if last[1:] != [seen]:          # (else the inputs are as they were: no need to read them)
            digest = inputs_digest(root, kernel, opt, files)
        if last[1:] == [seen] or last[0] == digest:
            if digest:
                write_atomic(stamp, f"{digest}\n{seen}".encode(), tmp)
            programs = [out / "root" / "bin" / p.stem for p in user_programs(root)]
            return Build(kernel, out, root, kernel_img, fs_img, programs, 0)
    digest = digest or inputs_digest(root, kernel, opt, files)
    if kernel == "micro":             # the kernel with its boot bundle of servers
        micro_kernel(root, out, bundle_servers(root), opt, tmp)
        kdrivers = ()
    else:
        objects, kdrivers = kernel_objects(root, kernel, opt)
        link_objects(objects, kernel_img, KERNEL_BASE, "_entry", tmpdir=tmp)

    fixed = None
    if kernel == "exo":       # Unix is a library: libc over libos/unix, with the fs core
        udriver, library, fixed = exo_unix_driver(root, opt), exo_unix_library(root), exo_fscore(root, opt)
    else:
        udriver, library = user_driver(root, opt), user_library(kernel, root)
    staging = out / "root"
    programs = []
    for program in user_programs(root):
        target = staging / "bin" / program.stem
        link_image(udriver, library + [program], target, USER_BASE, "_start",
                   dbg=out / "debug" / "bin" / (program.stem + ".dbg"), tmpdir=tmp, fixed=fixed)
        programs.append(target)
    tree = stat_digest("staging", disk_sources(staging))       # (before mkfs reads the tree)
    system_disk(kernel, fs_img, [staging])
    write_atomic(fs_img.with_name(DISK_STAT), disk_stat(fs_img, staging, tree).encode(), tmp)
    write_atomic(stamp, f"{digest}\n{seen}".encode(), tmp)
    compiled = sum(len(d.stats.compiled) for d in kdrivers + (udriver,))
    return Build(kernel, out, root, kernel_img, fs_img, programs, compiled, fresh=True)


# ---- the exokernel's boot bundle (kernel/exo/exoabi.h) ----
EXOB_MAGIC = 0x424F5845
BLOCK = 4096


def libos_library(root):
    """The minimal library OS a bare exo program links with: libos/ and
    libos/bare/ (its start.S first) and the runtime's printf, string
    functions and malloc."""
    files = sources(root / "libos" / "bare") + sources(root / "libos")
    runtime = root / "lang" / "runtime"
    files += [runtime / f"{name}.c" for name in ("printf", "string", "ctype", "malloc")]
    return files


def libos_driver(root, opt=1):
    return _driver(opt, [str(root / "libos"), str(root / "kernel" / "exo"),
                         str(root / "lang" / "runtime" / "include")])


def build_exo_bundle(programs, out, root=None, opt=1, spare=0):
    """Build kernel/exo and a boot bundle of bare programs linked with
    libos/: (kernel image, bundle disk image, [program images]). The
    kernel runs the first program as the first environment; the disk has
    `spare` free blocks after the bundle."""
    root = Path(root) if root else find_root()
    return link_exo_bundle(root, programs, out, opt, libos_driver(root, opt), libos_library(root),
                           (), spare)


def link_exo_bundle(root, programs, out, opt, driver, library, extra, spare, prefix="", fixed=None):
    """kernel/exo into out/kernel.img; each program linked with library
    (and fixed: a Fixed) into out/bin/NAME (its debug info beside it); the
    boot bundle of them (named prefix + NAME), then the extra (name,
    bytes) entries, then `spare` free blocks, into out/bundle.img."""
    out = Path(out)
    kernel_img = out / "kernel.img"
    objects, _ = kernel_objects(root, "exo", opt)
    link_objects(objects, kernel_img, KERNEL_BASE, "_entry", tmpdir=out / ".tmp")
    images = []
    for program in programs:
        target = out / "bin" / Path(program).stem
        link_image(driver, library + [Path(program)], target, USER_BASE, "_start", tmpdir=out / ".tmp",
                   fixed=fixed)
        images.append(target)
    disk = out / "bundle.img"
    entries = [(prefix + p.name, p.read_bytes()) for p in images] + list(extra)
    if fixed:                 # a Unix: its first program boots, the file system holds them all
        data = exo_bundle(entries[:1]) + exo_unix_fs(entries)
    else:
        data = exo_bundle(entries, spare)
    write_atomic(disk, data, out / ".tmp")
    return kernel_img, disk, images


def exo_unix_library(root):
    """What a Unix program on exo links: libc with the exo backend
    (userland/lib/backend/exo, whose crt0.s starts the library OS), libos/
    and the Unix library OS, libos/unix/ (and the file-system core:
    exo_fscore)."""
    return user_library("exo", root) + sources(root / "libos") + sources(root / "libos" / "unix")


def exo_unix_driver(root, opt=1):
    """The compiler driver for Unix programs on exo: libc's headers, then
    the library OS's (unix.h, libos.h, exoabi.h), then kernel/mono's
    file-system structures the port uses (buf.h, file.h, monoparam.h)."""
    dirs = user_include_dirs(root) + [str(root / "libos" / "unix"), str(root / "libos"),
                                      str(root / "kernel" / "exo"), str(root / "kernel" / "mono")]
    return _driver(opt, dirs)


# Where every Unix program on exo has the file-system core's tables (the
# buffer cache, the inode table, the log): kernel/mono's FS_CORE, linked
# into each program with its data and bss at this fixed address (outside
# the image), in pages the Unix's processes share (libos/unix/fsport.c).
UNIX_FSCORE = 0xD0100000


def exo_fscore(root, opt=1):
    """The Fixed for Unix programs on exo: kernel/mono's file-system core
    through fsport.h, and core's sleep-locks (kernel/core/sleeplock.c), with
    their headers and the Unix formats. libc has its own sleep(ticks), so
    their sleep(chan, lock) is the library's fssleep (libos/unix/fsport.c)."""
    dirs = [root / "kernel" / "mono", root / "kernel" / "include" / "unix", root / "kernel" / "include"]
    driver = _driver(opt, [str(d) for d in dirs], defines={"sleep": "fssleep"})
    files = [root / "kernel" / "mono" / f for f in FS_CORE] + [root / "kernel" / "core" / "sleeplock.c"]
    return Fixed(UNIX_FSCORE, driver, files)


def exo_unix_fs(named_files):
    """The Unix's file system (minos mkfs) holding (path, bytes) files, for
    the disk after the boot bundle."""
    import tempfile
    from lang.fs import mkfs
    with tempfile.TemporaryDirectory(prefix="minos-exofs-") as d:
        for name, data in named_files:
            path = Path(d) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return mkfs.build_image([d])


def build_exo_unix_bundle(programs, out, root=None, opt=1, extra=(), spare=0):
    """Build kernel/exo and a boot bundle of Unix programs (userland sources,
    unchanged) linked with libc over the Unix library OS: (kernel image,
    bundle disk image, [program images]). The first program is the Unix's
    first process (init); each is bin/NAME in the bundle, where exec
    finds it. extra: more (path, bytes) entries (a crafted image, a file)."""
    root = Path(root) if root else find_root()
    return link_exo_bundle(root, programs, out, opt, exo_unix_driver(root, opt),
                           exo_unix_library(root), extra, spare, prefix="bin/",
                           fixed=exo_fscore(root, opt))


def exo_bundle(named_images, spare=0):
    """The bytes of a boot bundle: block 0 = magic, count, then
    (name[16], first block, size) per image; each image on its own blocks;
    then `spare` empty blocks (free: a library binds them)."""
    import struct
    if not named_images or 8 + 24 * len(named_images) > BLOCK:
        raise BuildError(f"a boot bundle holds 1 to {(BLOCK - 8) // 24} images")
    header = struct.pack("<II", EXOB_MAGIC, len(named_images))
    body = b""
    block = 1
    for name, data in named_images:
        if len(name.encode()) > 15:
            raise BuildError(f"boot bundle name '{name}' is longer than 15 bytes")
        header += struct.pack("<16sII", name.encode(), block, len(data))
        padded = data + bytes(-len(data) % BLOCK)
        body += padded
        block += len(padded) // BLOCK
    return header + bytes(BLOCK - len(header)) + body + bytes(BLOCK * spare)


def exo_fs_start(block0):
    """The first block after the boot bundle whose header block is block0
    (where libos/unix finds its file system: fsport.c bundleend), or 0 if
    block0 holds no boot bundle."""
    import struct
    if len(block0) < 8:
        return 0
    magic, count = struct.unpack_from("<II", block0)
    if magic != EXOB_MAGIC:
        return 0
    end = 1
    for i in range(min(count, (BLOCK - 8) // 24)):
        _name, first, size = struct.unpack_from("<16sII", block0, 8 + 24 * i)
        end = max(end, first + (size + BLOCK - 1) // BLOCK)
    return end


def debug_file(image):
    """The debug file of an image: IMAGE.dbg beside it, or, for a program in
    a build's staging tree (build/<kernel>/root/bin/NAME), the one the build
    keeps on the host (build/<kernel>/debug/bin/NAME.dbg). None if neither
    exists."""
    image = Path(image).resolve()
    beside = Path(str(image) + ".dbg")
    if beside.is_file():
        return beside
    parts = image.parts
    for i in range(len(parts) - 1, 0, -1):
        if parts[i] == "root":
            kept = Path(*parts[:i], "debug", *parts[i + 1:-1], parts[-1] + ".dbg")
            if kept.is_file():
                return kept
    return None


def program_debug_file(images, name):
    """The debug file of the built program called name (None if unknown, or
    if name, read from the running machine, is not a plain file name)."""
    if not re.fullmatch(r"[\w.+-]+", name):
        return None
    path = Path(images.dir) / "debug" / "bin" / (name + ".dbg")
    return path if path.is_file() else None


def input_files(root):
    """(name, path) of everything a build reads, sorted by name: the
    sources of the kernel, the servers, the userland and the toolchain
    (and the installed toolchain's, when the tree built is another one),
    and this file, the recipe: what is built from them, and how."""
    folders = [(root, "kernel"), (root, "userland"), (root, "lang"), (root, "servers"), (root, "libos")]
    if Path(root).resolve() != ROOT:
        folders.append((ROOT, "lang"))
    files = []
    for base, folder in folders:
        for top, dirs, names in os.walk(Path(base) / folder):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            files += [(os.path.relpath(os.path.join(top, name), base), os.path.join(top, name))
                      for name in names]
    return sorted(files) + [("<recipe>", __file__)]


def inputs_digest(root, kernel, opt, files=None):
    """A hash of the build's inputs (input_files): their names and bytes."""
    h = hashlib.sha256(f"{kernel} -O{opt}".encode())
    for name, path in files or input_files(root):
        with open(path, "rb") as f:
            h.update(name.encode() + b"\0" + f.read())
    return h.hexdigest()


def inputs_stat(root, kernel, opt, files=None):
    """A hash of what the file system says of the build's inputs: their
    names, sizes, modification and change times and inode numbers. If it
    is what it was when the images were built, so are the inputs'
    contents (a write to a file changes its change time, which nothing
    sets back), and `minos run` need not read them all to know."""
    return stat_digest(f"{kernel} -O{opt}", files or input_files(root))


def stat_digest(head, files):
    """A hash of head and of the names, sizes, modification and change
    times and inode numbers of files [(name, path)]."""
    h = hashlib.sha256(head.encode())
    for name, path in files:
        st = os.stat(path)
        h.update(f"{name}\0{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}\n".encode())
    return h.hexdigest()


def disk_sources(staging):
    """(name, path) of the files under the staging tree, sorted by name:
    what the build's disk is made from."""
    files = []
    for top, dirs, names in os.walk(staging):
        files += [(os.path.relpath(os.path.join(top, name), staging), os.path.join(top, name))
                  for name in names]
    return sorted(files)


def disk_stat(fs_img, staging, tree=None):
    """What DISK_STAT beside fs_img says while fs_img is the build's disk
    of the staging tree as it is now: the stat_digest of the tree's files
    (tree: taken before mkfs read them), then of fs_img itself."""
    tree = stat_digest("staging", disk_sources(staging)) if tree is None else tree
    return tree + "\n" + stat_digest("disk", [("fs.img", fs_img)])


def system_disk(kernel, disk, dirs):
    """The disk of a system whose files are the union of dirs (the staging
    tree first; `minos run` adds its script): a file system image (minos
    mkfs) for mono and micro; for exo, the boot bundle of those files
    (exo_files_bundle)."""
    write_atomic(disk, system_disk_bytes(kernel, dirs), Path(disk).parent / ".tmp")


def system_disk_bytes(kernel, dirs):
    """The bytes system_disk writes."""
    if kernel == "exo":
        return exo_files_disk(dirs)
    from lang.fs import mkfs
    return mkfs.build_image([str(d) for d in dirs])


def built_disk_with(images, files):
    """system_disk of the built system `images` with files {path: bytes}
    added (`minos run`'s script), as a bytearray: the same bytes, made
    from the built disk without reading the programs again where the
    kernel's disk is a file system that mkfs can add them to in place
    (mkfs.extend_image) and the disk is still what the build made of the
    staging tree as it is now (DISK_STAT: a test may add a program to the
    tree after the build); else from all the files."""
    stamp = Path(images.fs_img).with_name(DISK_STAT)
    if (images.kernel != "exo" and stamp.is_file()
            and stamp.read_text() == disk_stat(images.fs_img, images.dir / "root")):
        from lang.fs import mkfs
        with open(images.fs_img, "rb") as f:
            disk = bytearray(os.fstat(f.fileno()).st_size)
            f.readinto(disk)
        if mkfs.extend_image(disk, files):
            return disk
    import tempfile
    with tempfile.TemporaryDirectory(prefix="minos-disk-") as extra:
        for path, data in files.items():
            target = Path(extra) / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return bytearray(system_disk_bytes(images.kernel, [images.dir / "root", extra]))


def exo_files_disk(dirs):
    """exo's disk: a boot bundle of bin/init (the kernel runs it as the
    first environment), then the Unix library OS's file system (minos
    mkfs) of every file under dirs, bin/init too: libos/unix binds its
    blocks, execs programs and opens files from it."""
    from lang.fs import mkfs
    init = next((Path(d) / "bin" / "init" for d in dirs if (Path(d) / "bin" / "init").is_file()), None)
    if init is None:
        raise BuildError("an exo system needs bin/init, its first program")
    return exo_bundle([("bin/init", init.read_bytes())]) + mkfs.build_image([str(d) for d in dirs])


def make_fs(fs_img, staging):
    from lang.fs import mkfs
    staging.mkdir(parents=True, exist_ok=True)
    write_atomic(fs_img, mkfs.build_image([str(staging)]), fs_img.parent / ".tmp")
