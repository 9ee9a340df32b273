"""Compiler diagnostics: errors and warnings located at file:line:col.

Every message is printed like a real compiler's:

    prog.c:3:9: error: undeclared identifier 'x'
        return x;
               ^

The source line is read from the original file (the compiler sees the
preprocessor's output, whose lines differ), so a location must name the
original file and line; the lexer (parser.py) keeps them right via linemarkers.
"""

from vm.errors import MinosError


class Diagnostic:
    """One message: severity is 'error' or 'warning'; loc is an ast.Loc."""

    def __init__(self, severity, message, loc):
        self.severity = severity
        self.message = message
        self.loc = loc

    def format(self, sources=None):
        loc = self.loc
        head = f"{loc.file}:{loc.line}:{loc.col}: {self.severity}: {self.message}"
        line = source_line(loc.file, loc.line, sources)
        if line is None:
            return head
        # Keep tabs in the caret line so the caret stays under the column.
        pad = "".join(c if c == "\t" else " " for c in line[:max(loc.col - 1, 0)])
        return f"{head}\n  {line}\n  {pad}^"

    def __str__(self):
        return self.format()

    def __repr__(self):
        return f"Diagnostic({self.severity!r}, {self.message!r}, {self.loc})"


class CompileError(MinosError):
    """One or more errors; str() is the full formatted text."""

    def __init__(self, diagnostics, sources=None):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        self.sources = sources
        self._text = None
        super().__init__()

    def __str__(self):
        # Formatted on first use (sema raises and catches these while it
        # recovers); each file is read once, never cached across
        # compilations since it may have been edited since.
        if self._text is None:
            texts = dict(self.sources or {})
            for d in self.diagnostics:
                if d.loc.file not in texts:
                    texts[d.loc.file] = read_source(d.loc.file)
            self._text = "\n".join(d.format(texts) for d in self.diagnostics)
        return self._text

    @property
    def message(self):
        """The first error's bare message (handy for tests)."""
        return self.diagnostics[0].message

    @property
    def loc(self):
        return self.diagnostics[0].loc


def error(message, loc):
    """Raise a CompileError with one diagnostic."""
    raise CompileError([Diagnostic("error", message, loc)])


def read_source(filename):
    """The text of a source file, or None if it cannot be read."""
    try:
        with open(filename, encoding="utf-8", errors="replace") as f:
            return f.read()
    except (OSError, ValueError):
        return None


def source_line(filename, line, sources=None):
    """Line `line` (1-based) of `filename`, or None if unavailable.

    `sources` may map file names to their text (for code that never was a
    file, e.g. tests and `<stdin>`); other files are read from disk."""
    if sources is not None and filename in sources:
        text = sources[filename]
    else:
        text = read_source(filename)
    if text is None or line < 1:
        return None
    lines = text.split("\n")
    if line > len(lines):
        return None
    return lines[line - 1].rstrip("\r")
