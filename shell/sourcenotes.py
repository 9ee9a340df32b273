"""Source lines for the kernel's crash reports, added on the host.

The kernel knows addresses only; the host knows the debug info of every
image it built (shell/build.py). SourceNotes sits between the console and
the terminal (`minos boot`, `minos run`) and adds the function, file and
line to what the kernel prints when something dies:

    pid 3 (hello): page fault at pc 0x40006cc8 (write of 0x00000000): killed
      pc 0x40006cc8 is in main at userland/bin/hello.c:7

    kernel trap: page fault at pc 0x00013428 (read of 0x00000000), lr ...
      pc 0x00013428 is in fileclose at kernel/mono/file.c:88
    panic: core 0: kernel trap
    backtrace:
      0x00013590 in kerneltrap at kernel/core/trap.c:127

Output passes through at once; only a line that may be a backtrace frame
is held until its end, so it can be completed in place. A frame holds a
return address: the call is the instruction before it (Image word size 8),
so the line is looked up at the address minus one.
"""

import re
from pathlib import Path

from .build import program_debug_file

FAULT = re.compile(rb"^pid \d+ \(([^)]*)\): .* at pc (0x[0-9a-fA-F]+)")
KERNEL_TRAP = re.compile(rb"^kernel trap: .* at pc (0x[0-9a-fA-F]+)")
BACKTRACE = b"backtrace:"
FRAME = re.compile(rb"^  (0x[0-9a-fA-F]+)$")
FRAME_PREFIX = re.compile(rb"^ {0,2}(0(x[0-9a-fA-F]*)?)?$")   # what a frame line starts as


class SourceNotes:
    """A console output sink: call it with bytes; it calls out with the same
    bytes plus the notes. images() gives the Build (or None) when needed."""

    def __init__(self, images, out):
        self.images = images
        self.out = out
        self.line = bytearray()         # the current line, as far as it has come
        self.passed = 0                 # ... how much of it went out already
        self.in_backtrace = False
        self._infos = {}

    def __call__(self, data):
        emit = bytearray()
        for chunk in re.split(rb"(?<=\n)", bytes(data)):
            if not chunk:
                continue
            self.line += chunk
            if chunk.endswith(b"\n"):
                emit += self._end_of_line()
            elif not (self.in_backtrace and FRAME_PREFIX.match(self.line)):
                emit += self.line[self.passed:]
                self.passed = len(self.line)
        if emit:
            self.out(bytes(emit))

    def flush(self):
        """Pass on what is held (the machine stopped in the middle of a line)."""
        if self.passed < len(self.line):
            self.out(bytes(self.line[self.passed:]))
        self.passed = len(self.line)

    def _end_of_line(self):
        line, unpassed, whole = bytes(self.line[:-1]), bytes(self.line[self.passed:]), self.passed == 0
        self.line = bytearray()
        self.passed = 0
        if self.in_backtrace:
            frame = FRAME.match(line)
            if frame and whole:
                where = self._where("kernel", int(frame.group(1), 16) - 1)
                return line + (f" in {where}".encode() if where else b"") + b"\n"
            self.in_backtrace = False
        if line == BACKTRACE:
            self.in_backtrace = True
        note = self._note(line)
        return unpassed + (note.encode() if note else b"")

    def _note(self, line):
        fault = FAULT.match(line)
        if fault:
            pc = int(fault.group(2), 16)
            where = self._where(fault.group(1).decode("utf-8", "replace"), pc)
        else:
            trap = KERNEL_TRAP.match(line)
            if not trap:
                return None
            pc = int(trap.group(1), 16)
            where = self._where("kernel", pc)
        return f"  pc {pc:#010x} is in {where}\n" if where else None

    def _where(self, program, addr):
        """"FUNCTION at FILE:LINE" for addr in program ("kernel" or a
        program's name), or None if its debug info does not know it."""
        info = self._info(program)
        if info is None:
            return None
        symbol, line = info.symbol_at(addr), info.line_at(addr)
        if symbol is None and line is None:
            return None
        text = symbol[0] if symbol else "??"
        if line:
            text += f" at {self._show(line[0])}:{line[1]}"
        return text

    def _info(self, program):
        if program not in self._infos:
            self._infos[program] = self._load(program)
        return self._infos[program]

    def _load(self, program):
        from lang.debuginfo import DebugInfo, DebugInfoError
        images = self.images()
        if images is None:
            return None
        if program == "kernel":
            path = Path(str(images.kernel_img) + ".dbg")
        else:
            path = program_debug_file(images, program)
        if path is None or not path.is_file():
            return None
        try:
            return DebugInfo.from_file(str(path))
        except DebugInfoError:
            return None

    def _show(self, file):
        """A source path relative to the tree that was built."""
        images = self.images()
        try:
            return str(Path(file).relative_to(images.root))
        except (ValueError, AttributeError):
            return file
