"""What the host-tool fuzzer feeds and to whom: seeds, tools, one case.

Each KIND has seeds (valid inputs made from the repo's own sources), a
mutation (tests/hostfuzz/mutator.py) and a tool chain called in-process:

    c      preprocess -> compile -> assemble -> link     (minos cc)
    asm    assemble -> objdump -> link                   (minos as, minos ld)
    obj    read the object file -> objdump -> link       (minos ld, minos objdump)
    image  read the image -> objdump -> load -> run 300 instructions (minos machine)
    dbg    read the image's debug file (IMAGE.dbg) -> objdump -> symbol, line lookups
    fs     read the file-system image -> fsck            (minos fsck)

A tool may succeed or raise a MinosError with a message; anything else is a
bug. `case(kind, seed)` rebuilds one input exactly, to reproduce a failure:

    .venv/bin/python -c "from tests.hostfuzz.targets import replay; replay('c', 1234)"
"""

import functools
import os
import tempfile
from pathlib import Path

from lang.asm import assemble
from lang.cc.codegen import generate
from lang.cc.driver import Driver, Options, assemble_compiled, system_dirs
from lang.cc.frontend import analyze
from lang.cpp import preprocess_text
from lang.debuginfo import DebugInfo
from lang.fs.fsck import check
from lang.fs.image import FsImage
from lang.fs.mkfs import build_image
from lang.link import debug_path, link
from lang.obj import ObjectFile
from lang.objdump import object_disassembly, object_headers, objdump
from vm.image import Image
from vm.machine import Machine

from tests.hostfuzz.mutator import ASM_TOKENS, C_TOKENS, Mutator

ROOT = Path(__file__).resolve().parents[2]
# As shell/build.py compiles user programs.
USER_INCLUDE = [str(ROOT / "userland" / "include"), str(ROOT / "kernel" / "include")]
# Small, varied C: user programs (system calls, strings, structs) and the
# bare runtime (varargs, inline assembly).
C_SEEDS = ["userland/bin/echo.c", "userland/bin/kill.c", "userland/bin/touch.c",
           "userland/bin/forktest.c", "userland/bin/ln.c", "lang/runtime/printf.c",
           "lang/runtime/string.c", "lang/runtime/qsort.c"]
ASM_SEEDS = ["lang/runtime/crt0.s", "tests/lang/asm/hello.s"]
# The compiler's own output is assembly too: .loc, .debug, .size, .type, data.
ASM_FROM_C = ["lang/runtime/printf.c", "userland/bin/echo.c"]
IMAGE_PROGRAM = "tests/lang/programs/002_hello_printf.c"


def _compile_c(text, name):
    pp = preprocess_text(text, name, include_dirs=USER_INCLUDE, system_dirs=system_dirs())
    unit, _ = analyze(pp, name)
    return generate(unit, opt=1, debug=True)


@functools.cache
def _program():
    """A linked --bare program: (image bytes, debug file text)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "prog.img")
        image, _ = Driver(Options(bare=True, use_cache=False)).link([ROOT / IMAGE_PROGRAM], out)
        with open(debug_path(out)) as f:
            return image.to_bytes(), f.read()


@functools.cache
def seeds(kind):
    """The valid inputs a kind's mutations start from (built once)."""
    if kind == "c":
        return [(ROOT / p).read_text() for p in C_SEEDS]
    if kind == "asm":
        return ([(ROOT / p).read_text() for p in ASM_SEEDS]
                + [_compile_c((ROOT / p).read_text(), p) for p in ASM_FROM_C])
    if kind == "obj":
        return [assemble(text, "seed.s").to_json() for text in seeds("asm")]
    if kind == "image":
        return [_program()[0]]
    if kind == "dbg":
        return [_program()[1]]
    if kind == "fs":
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp)
            (tree / "bin").mkdir()
            (tree / "bin" / "prog").write_bytes(bytes(range(256)) * 20)
            (tree / "etc").mkdir()
            (tree / "etc" / "motd").write_text("welcome to minos\n")
            (tree / "etc" / "deep").mkdir()
            (tree / "etc" / "deep" / "x").write_text("x")
            (tree / "big").write_bytes(bytes(i * 7 % 251 for i in range(60_000)))  # indirect block
            return [build_image([tmp], size=100, ninodes=32)]
    raise ValueError(kind)


def _fs_hot(blob):
    """The byte ranges of a file-system image's metadata: the superblock,
    the log header, the inodes, the bitmap and the first data blocks (the
    root directory's)."""
    sb = FsImage(bytearray(blob)).sb
    block = 4096
    return [(block, block + 64), (sb["logstart"] * block, sb["logstart"] * block + 128),
            (sb["inodestart"] * block, (sb["bmapstart"] + 1) * block),
            ((sb["bmapstart"] + 1) * block, (sb["bmapstart"] + 4) * block)]


def case(kind, seed):
    """The mutated input number `seed` of `kind` (str or bytes)."""
    m = Mutator(f"{kind}:{seed}")
    base = m.rng.choice(seeds(kind))
    if kind == "c":
        return m.text(base, C_TOKENS)
    if kind == "asm":
        return m.text(base, ASM_TOKENS)
    if kind in ("obj", "dbg"):
        return m.json(base)
    if kind == "image":
        return m.blob(base, hot=[(0, 16 + 24 * 4)])        # the header and segment table
    return m.blob(base, hot=_fs_hot(base))


def run_tools(kind, data, tmp):
    """Feed one input to the tools of its kind (see the module doc)."""
    if kind == "c":
        obj = assemble_compiled(_compile_c(data, "fuzz.c"), "fuzz.c")
        link([obj], entry=0x1000)
    elif kind == "asm":
        obj = assemble(data, "fuzz.s")
        object_headers(obj)
        object_disassembly(obj, True)
        link([obj], entry=0x1000)
    elif kind == "obj":
        obj = ObjectFile.from_json(data, "fuzz.o")
        object_headers(obj)
        object_disassembly(obj, True)
        image, _ = link([obj])
        Image.from_bytes(image.to_bytes())
    elif kind == "image":
        path = os.path.join(tmp, "fuzz.img")
        with open(path, "wb") as f:
            f.write(data)
        objdump(path, disassemble=True, headers=True)
        machine = Machine(mem_mib=2, engine="ref", console_out=lambda b: None)
        try:
            machine.load_image(Image.from_bytes(data, "fuzz.img"))
            machine.run(max_instructions=300)
        finally:
            machine.close()
    elif kind == "dbg":
        path = os.path.join(tmp, "fuzz.img")
        with open(path, "wb") as f:
            f.write(_program()[0])
        with open(debug_path(path), "w") as f:
            f.write(data)
        objdump(path, disassemble=True, headers=True, lines=True)
        info = DebugInfo.load(path)
        for addr in range(0x1000, 0x1400, 8):
            info.symbol_at(addr)
            info.line_at(addr)
        info.addrs_of_line("002_hello_printf.c", 5)
        info.addr_of("main")
    elif kind == "fs":
        check(FsImage(bytearray(data)))
    else:
        raise ValueError(kind)


def replay(kind, seed):
    """Run one case with its traceback (for a person chasing a failure)."""
    with tempfile.TemporaryDirectory() as tmp:
        run_tools(kind, case(kind, seed), tmp)
