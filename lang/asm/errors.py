"""Assembler errors: one message, located as file:line."""

from vm.errors import MinosError


class AsmError(MinosError):
    """Bad assembly input. Raised without a location deep inside the
    assembler; the line loop adds file and line with located()."""

    def __init__(self, message, file=None, line=None):
        self.message, self.file, self.line = message, file, line
        where = f"{file}:{line}: " if line is not None else f"{file}: " if file else ""
        super().__init__(where + message)

    def located(self, file, line):
        if self.file is not None:
            return self
        return AsmError(self.message, file, line)
