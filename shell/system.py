"""The System: the one way to build and boot minos from Python.

`minos boot`, `minos run`, the debugger, the tests, the lab graders and the
benchmarks all go through this class (docs/testing.md):

    from shell.system import System
    with System(kernel="mono", cores=2) as sys:
        sys.boot()
        sys.wait_for("$ ", max_instructions=5_000_000)
        sys.type("echo hi\\n")
        sys.wait_for("hi\\n", max_instructions=2_000_000)
        print(sys.counters()["instructions"])

Every wait has a bound in instructions; exceeding it raises SystemTimeout
with the console output so far, so a test can never hang.
"""

import re
from pathlib import Path

from lang.cc.cache import cache_dir
from vm.codecache import CACHE
from vm.errors import MinosError
from vm.machine import Machine, engine_of

from .build import build

CHUNK = 200_000          # instructions run between looks at the console
PROMPT = "$ "
AHEAD_BOUND = 5_000_000  # instructions a run translated ahead may take (a boot takes ~1M)
# What the quiet run of a new build runs (System.translate_ahead), as `minos
# run` would: a user's first command, so that starting a program (fork,
# exec, exit, wait) is translated too, not only the boot.
AHEAD_COMMAND = "ls"


class SystemTimeout(MinosError):
    """A wait ran out of its instruction bound (or the machine stopped first)."""


class System:
    def __init__(self, kernel="mono", cores=1, mem_mib=16, seed=None, root=None,
                 console_out=None, engine=None, code_cache=True, on_boot=()):
        self.kernel = kernel
        self.cores = cores
        self.mem_mib = mem_mib
        self.seed = seed
        self.root = root
        self.console_out = console_out
        self.engine = engine
        # where the fast engine keeps compiled code between runs: the build
        # cache's folder (True), another folder, or nowhere (None)
        self.code_cache = cache_dir() if code_cache is True else code_cache
        self.images = None
        self.machine = None
        self.output = bytearray()
        self.mark = 0                    # where the next wait_for starts looking
        self._workdir = None
        self._disk = None                # the disk of the last boot: a file, or a bytearray
        self.result = None
        # fn(system) called after every boot, the machine loaded and not yet
        # run: how a timeline (shell/timeline.py) starts watching each boot
        self.on_boot = list(on_boot)

    # --- building and booting ----------------------------------------------------------
    def build(self):
        """Build (or reuse the cached parts of) the kernel, programs and fs image."""
        kwargs = {"root": self.root} if self.root else {}
        self.images = build(self.kernel, **kwargs)
        if (self.code_cache and engine_of(self.engine) == "fast"
                and (self.images.fresh or not CACHE.saved_in(self.code_cache))):
            self.translate_ahead()      # new images, or a new translator (vm/codecache.py)
        return self.images

    def translate_ahead(self):
        """Run AHEAD_COMMAND once, quietly, as `minos run` does (boot, the
        shell runs it, power off), so that the fast engine's code cache
        holds translations of the code a boot, a first command and a
        `minos run` run often: the first boot a user sees is then as fast
        as every later one (as pip compiles .py files to bytecode when it
        installs them). Measured against booting to the prompt and typing
        the command there: the same cost, and a later boot and `minos run`
        both run about 2% fewer host instructions. A kernel that does not
        finish within AHEAD_BOUND instructions is translated as far as it
        got. It changes how fast the machine runs, never what it does
        (vm/codecache.py)."""
        from .run_cmd import RunError, run_commands
        with System(self.kernel, self.cores, self.mem_mib, root=self.root, engine="fast",
                    code_cache=self.code_cache,
                    on_boot=[lambda quiet: quiet.machine.translate_sooner()]) as quiet:
            quiet.images = self.images
            try:
                run_commands(AHEAD_COMMAND, system=quiet, max_instructions=AHEAD_BOUND)
            except RunError:
                pass

    def boot(self, disk=None, power_cut_after_writes=None, fresh_disk=True, console_in=b""):
        """Boot a new machine. The disk is a private copy of the built fs.img
        (or of the file `disk`), unless fresh_disk is False and a disk exists
        from an earlier boot: then it is reused as the crash left it
        (reboot). A bytearray `disk` is the disk itself, kept in memory and
        written by the machine in place, never to a file unless disk_path
        is asked for (`minos run`: its disk is thrown away after the run)."""
        if self.images is None and disk is None:
            self.build()
        if self.machine:
            self.machine.close()
        if isinstance(disk, bytearray):
            self._disk = disk
        elif fresh_disk or self._disk is None:
            import shutil
            self._disk = self._private_file()
            shutil.copyfile(disk or self.images.fs_img, self._disk)
        self.output = bytearray()
        self.mark = 0
        self.machine = Machine(cores=self.cores, mem_mib=self.mem_mib,
                               disk=self._disk if isinstance(self._disk, bytearray) else str(self._disk),
                               seed=self.seed, console_out=self._console, console_in=console_in,
                               power_cut_after_writes=power_cut_after_writes, engine=self.engine,
                               code_cache=self.code_cache)
        self.machine.load_image(str(self.images.kernel_img))
        self.result = None
        for fn in self.on_boot:
            fn(self)
        return self

    def _private_file(self):
        if self._workdir is None:
            import tempfile
            self._workdir = tempfile.mkdtemp(prefix="minos-")
        return Path(self._workdir) / "disk.img"

    @property
    def disk_path(self):
        """The file holding the disk of the last boot (None before one); a
        disk kept in memory is written to one first, as it is now."""
        if isinstance(self._disk, bytearray):
            path = self._private_file()
            path.write_bytes(self._disk)
            return path
        return self._disk

    def reboot(self, power_cut_after_writes=None):
        """Boot again on the same disk, as it is now (after a crash, say)."""
        return self.boot(fresh_disk=False, power_cut_after_writes=power_cut_after_writes)

    def _console(self, data):
        self.output += data
        if self.console_out:
            self.console_out(data)

    # --- driving -----------------------------------------------------------------------
    def type(self, text):
        """Type at the console."""
        self.machine.feed_input(text.encode() if isinstance(text, str) else text)

    write = type

    def run(self, max_instructions):
        """Run for at most max_instructions (less if the machine stops; None:
        until it stops)."""
        self.result = self.machine.run(max_instructions=max_instructions)
        return self.result

    def wait_for(self, pattern, max_instructions):
        """Run until the console output after the last match contains pattern
        (a string, or a compiled regular expression). Returns the match; the
        next wait starts after it."""
        regex = pattern if isinstance(pattern, re.Pattern) else re.compile(re.escape(pattern))
        used = 0
        while True:
            text = self.output.decode("utf-8", "replace")
            found = regex.search(text, self.mark)
            if found:
                self.mark = found.end()
                return found
            if used >= max_instructions:
                raise self._timeout(pattern, f"not seen within {max_instructions:,} instructions")
            result = self.run(min(CHUNK, max_instructions - used))
            used += result.instructions
            if result.reason not in ("limit", "stopped"):
                text = self.output.decode("utf-8", "replace")
                if regex.search(text, self.mark):
                    continue
                why = result.message or result.reason
                raise self._timeout(pattern, f"the machine stopped first ({why})")

    def _timeout(self, pattern, why):
        shown = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
        tail = self.output[-600:].decode("utf-8", "replace")
        return SystemTimeout(f"waiting for {shown!r}: {why}. Console output so far "
                             f"(last 600 bytes):\n{tail}")

    def console_since(self, start=0):
        return self.output[start:].decode("utf-8", "replace")

    # --- reading and stopping -----------------------------------------------------------
    def counters(self):
        return self.machine.counters()

    def cut_power(self):
        """Stop the machine at once, as if the plug were pulled: the disk keeps
        exactly the writes that completed."""
        self.machine.halted = "powercut"
        self.machine.close()

    def halt(self):
        if self.machine:
            self.machine.close()

    def close(self):
        self.halt()
        if self._workdir:
            import shutil
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
