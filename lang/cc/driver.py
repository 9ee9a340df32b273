"""The compiler driver: C/assembly/object files in, an object or image out.

    preprocess (lang.cpp) -> front end (lang.cc.frontend.analyze)
      -> back end (lang.cc.codegen.generate) -> assembler (lang.asm)
      -> linker (lang.link)

A .S file is assembly that goes through the preprocessor first (as with
GCC): it can #include a C header for its #defines, and __ASSEMBLER__ is
defined so the header can hide its C declarations from the assembler.

Every object made from a .c, .s or .S file is cached by content hash
(lang/cc/cache.py), so rebuilding after an edit only recompiles the files
whose preprocessed text changed. `stats` on a Driver counts what happened,
for the tests and for `minos cc -v`.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from vm.errors import MinosError

from . import cache

HERE = Path(__file__).resolve().parent
COMPILER_INCLUDE = HERE / "include"
RUNTIME_DIR = HERE.parent / "runtime"
RUNTIME_INCLUDE = RUNTIME_DIR / "include"


class DriverError(MinosError):
    """Bad use of the driver: unknown file kind, missing file, bad options."""


@dataclass
class Options:
    opt: int = 1
    debug: bool = True
    include_dirs: list = field(default_factory=list)
    defines: dict = field(default_factory=dict)
    bare: bool = False
    use_cache: bool = True

    def tag(self):
        """The options that change an object's bytes, as text for cache keys."""
        return f"O{self.opt} g{int(self.debug)}"


@dataclass
class Stats:
    compiled: list = field(default_factory=list)     # files compiled or assembled
    cached: list = field(default_factory=list)       # files taken from the cache


def system_dirs():
    return [str(COMPILER_INCLUDE), str(RUNTIME_INCLUDE)]


def _read(path):
    try:
        return Path(path).read_text()
    except FileNotFoundError:
        raise DriverError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise DriverError(f"{path}: cannot read: {e}") from None


class Driver:
    def __init__(self, options=None):
        self.options = options or Options()
        self.stats = Stats()
        self.warnings = []
        self.objects = {}                # path -> ObjectFile made by this driver

    # --- single stages ------------------------------------------------------------
    def preprocess(self, path):
        from lang.cpp import preprocess_file
        _read(path)                                   # a clear error for a missing file
        defines = dict(self.options.defines)
        if Path(path).suffix == ".S":
            defines["__ASSEMBLER__"] = None           # headers hide their C from the assembler
        return preprocess_file(str(path), include_dirs=list(self.options.include_dirs),
                               system_dirs=system_dirs(), defines=defines)

    def compile_text(self, pp_text, filename):
        """Preprocessed C text -> assembly text."""
        from .frontend import analyze
        from .codegen import generate
        unit, warnings = analyze(pp_text, filename)
        self.warnings.extend(warnings or [])
        return generate(unit, opt=self.options.opt, debug=self.options.debug)

    def compile_to_asm(self, path):
        return self.compile_text(self.preprocess(path), str(path))

    def object_for(self, path):
        """An ObjectFile for a .c, .s, .S or .o file (cached when compiled)."""
        from lang.obj import ObjectFile
        path = str(path)
        kind = Path(path).suffix
        if kind == ".o":
            return ObjectFile.load(path)
        # One build (one Driver) sees each file once: linking libc into many
        # programs compiles and even preprocesses each library file once.
        if path in self.objects:
            return self.objects[path]
        obj = self._object_for(path, kind)
        self.objects[path] = obj
        return obj

    def _object_for(self, path, kind):
        from lang.asm import assemble
        if kind == ".c":
            text = self.preprocess(path)
            k = cache.key("c", path, self.options.tag(), text)
        elif kind == ".S":
            text = self.preprocess(path)
            k = cache.key("S", path, text)
        elif kind == ".s":
            text = _read(path)
            k = cache.key("s", path, text)
        else:
            raise DriverError(f"{path}: unknown file kind (expected .c, .s, .S or .o)")
        if self.options.use_cache:
            obj = cache.lookup(k)
            if obj is not None:
                # named as if just made, not after its file in the cache
                obj.name = path + ".s" if kind == ".c" else path
                self.stats.cached.append(path)
                return obj
        if kind == ".c":
            asm = self.compile_text(text, path)
            obj = assemble_compiled(asm, path)
        else:
            obj = assemble(text, path)
        self.stats.compiled.append(path)
        if self.options.use_cache:
            cache.store(k, obj)
        return obj

    def runtime_objects(self):
        """crt0.s and the runtime's C files, for --bare programs."""
        if not RUNTIME_DIR.is_dir():
            raise DriverError(f"--bare: the runtime is missing ({RUNTIME_DIR})")
        files = [RUNTIME_DIR / "crt0.s"] + sorted(RUNTIME_DIR.glob("*.c"))
        return [self.object_for(f) for f in files if f.exists()]

    # --- whole builds -----------------------------------------------------------------
    def link(self, inputs, output, entry=None, base=0x1000):
        """Compile/assemble/load every input and link them into an image at
        output (its debug info beside it, output.dbg)."""
        from lang.link import link, write_output
        objects = [self.object_for(p) for p in inputs]
        if self.options.bare:
            objects = self.runtime_objects() + objects
        image, debug = link(objects, entry=entry, base=base)
        write_output(image, debug, str(output))
        return image, debug


def assemble_compiled(asm, path):
    """Assemble the compiler's output. Its only hand-written parts are inline
    asm statements, so an assembler error is reported at the C line."""
    from lang.asm import AsmError, assemble
    try:
        return assemble(asm, path + ".s")
    except AsmError as e:
        if e.line is None:
            raise
        where = path
        file, line = None, None
        for text in asm.split("\n")[:e.line]:
            text = text.strip()
            if text.startswith(".file "):
                file = text[6:].strip().strip('"')
            elif text.startswith(".loc "):
                line = text.split()[1]
        if line is not None:
            where = f"{file or path}:{line}"
        raise DriverError(f"{where}: error: in inline assembly: {e.message}") from None


def write_text(path, text):
    try:
        Path(path).write_text(text)
    except OSError as e:
        raise DriverError(f"{path}: cannot write: {e.strerror}") from None


def default_output(path, suffix):
    return os.path.splitext(os.path.basename(path))[0] + suffix
