"""Writing the preprocessed text: linemarkers, and token lines laid out so
that unexpanded text keeps its columns.

The writer receives (text, file, line) for each non-blank output line and
decides how to keep the line mapping: a few blank lines when the next line
is a little further on in the same file, a GCC-style linemarker
`# LINE "FILE"` (meaning: the next line is line LINE of FILE) otherwise.
"""

from .tokens import needs_space, string_literal

MAX_BLANK_RUN = 8       # beyond this many blank lines, a linemarker is shorter


class Writer:
    def __init__(self):
        self.parts = []
        self.file = None        # file name of the next output line
        self.next_line = 0      # its line number

    def marker(self, line, file):
        self.parts.append(f"# {line} {string_literal(file)}\n")
        self.file, self.next_line = file, line

    def emit(self, text, file, line):
        gap = line - self.next_line
        if file != self.file or gap < 0 or gap > MAX_BLANK_RUN:
            self.marker(line, file)
        elif gap:
            self.parts.append("\n" * gap)
        self.parts.append(text)
        self.parts.append("\n")
        self.next_line = line + 1

    def text(self):
        return "".join(self.parts)


def render(tokens, line_text):
    """Lay out the tokens of one output line. A token still at its source
    column (tok.col set) is put back at that column when the text before it
    allows; expansion output is separated by single spaces where the source
    had whitespace or where the tokens would otherwise run together."""
    parts, length, prev, prev_end = [], 0, None, 0
    for t in tokens:
        # A token is "genuine" when it is the very text at its source column
        # (the first token of an expansion carries the macro name's column).
        genuine = t.col is not None and line_text.startswith(t.text, t.col)
        gap = None
        if genuine and length == prev_end:
            gap = line_text[prev_end:t.col]         # in step with the source
            if gap.strip():
                gap = None                          # tokens were removed here
        if gap is None:
            if t.col is not None and length < t.col:
                gap = " " * (t.col - length)        # back to the source column
            elif prev is not None and (t.ws or needs_space(prev, t)):
                gap = " "
            else:
                gap = ""
        parts.append(gap)
        parts.append(t.text)
        length += len(gap) + len(t.text)
        prev = t
        prev_end = length if genuine and length == t.col + len(t.text) else None
    return "".join(parts)
