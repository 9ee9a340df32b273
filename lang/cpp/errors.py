"""Preprocessor errors, printed in the compiler's diagnostic format:

    FILE:LINE:COL: error: MESSAGE
      <the source line>
      <spaces>^
"""

from vm.errors import MinosError


def format_diagnostic(kind, message, filename, line, col, source_line):
    """One diagnostic as text; the caret line keeps the source's tabs so the
    caret lines up under the right character in a terminal."""
    if filename is None:
        return f"cpp: {kind}: {message}"
    text = f"{filename}:{line}:{col}: {kind}: {message}"
    if source_line is not None:
        source_line = source_line.rstrip("\n")
        pad = "".join("\t" if c == "\t" else " " for c in source_line[:max(col - 1, 0)])
        text += f"\n  {source_line}\n  {pad}^"
    return text


class CppError(MinosError):
    """A preprocessing error: the message names the file, line and column."""

    def __init__(self, message, filename=None, line=None, col=None, source_line=None):
        self.message = message
        self.filename = filename
        self.line = line
        self.col = col
        self.source_line = source_line
        super().__init__(format_diagnostic("error", message, filename, line, col, source_line))
