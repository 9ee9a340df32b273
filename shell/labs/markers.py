"""Solution regions: the marked parts of the sources a lab asks students to write.

A region is a pair of whole-line markers naming the lab, written as a
comment in the file's own language (docs/labs.md):

    /* BEGIN SOLUTION util */          # BEGIN SOLUTION util
    ... the reference code ...         ... the reference code ...
    /* END SOLUTION util */            # END SOLUTION util
    /* STUB util                       # STUB util
    ... what the student starts with   # ... what the student starts with
    */                                 # END STUB

Markdown (docs, handouts) uses HTML comments, which a reader of the
rendered page never sees; markers inside fenced code blocks are examples,
not markers:

    <!-- BEGIN SOLUTION pgtbl -->
    ... the text that would give the solution away ...
    <!-- END SOLUTION pgtbl -->
    <!-- STUB pgtbl
    ... what the student's copy says instead ...
    -->

The stub block is optional. In the reference tree it is a comment, so it is
never compiled (or shown); `minos lab export` strips the labs it is asked to
(their solutions deleted, their stubs uncommented) and keeps the others'
solutions as plain text: no marker line of any lab is left.
"""

import re
from dataclasses import dataclass, field

from vm.errors import MinosError

# One marker per line: the comment opener, the keyword, the lab's name.
_MARK = re.compile(r"^\s*(?:/\*|//|#)\s*(BEGIN SOLUTION|END SOLUTION|STUB)\s+([A-Za-z0-9_-]+)"
                   r"\s*(\*/)?\s*$")
_MD_MARK = re.compile(r"^\s*<!--\s*(BEGIN SOLUTION|END SOLUTION|STUB)\s+([A-Za-z0-9_-]+)"
                      r"\s*(-->)?\s*$")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_C_STUB_END = re.compile(r"^\s*\*/\s*$")
_MD_STUB_END = re.compile(r"^\s*-->\s*$")
_HASH_STUB_END = re.compile(r"^\s*#\s*END STUB\b.*$")
_HASH_PREFIX = re.compile(r"^(\s*)# ?")

# Files whose text may hold markers.
MARKED_SUFFIXES = {".c", ".h", ".s", ".S", ".py", ".md"}


def _markdown(filename):
    return str(filename).endswith(".md")


class MarkerError(MinosError):
    """A malformed solution region (the message names file:line)."""


@dataclass
class Region:
    """One BEGIN..END SOLUTION pair (lines are 1-based, inclusive)."""
    lab: str
    begin: int
    end: int


@dataclass
class Stub:
    """One STUB block: its first and last line, and the text it becomes."""
    lab: str
    begin: int
    end: int
    body: list = field(default_factory=list)


@dataclass
class Parsed:
    lines: list
    regions: list
    stubs: list

    def labs(self):
        return {r.lab for r in self.regions} | {s.lab for s in self.stubs}


def parse(text, filename="<text>"):
    """Find the regions and stubs of a file; MarkerError on bad nesting."""
    lines = text.splitlines(keepends=True)
    regions, stubs = [], []
    open_region = None          # (lab, line) of a BEGIN SOLUTION not yet closed
    markdown = _markdown(filename)
    mark = _MD_MARK if markdown else _MARK
    fenced = False              # inside a Markdown code block: examples, not markers
    i = 0
    while i < len(lines):
        if markdown and _MD_FENCE.match(lines[i]):
            fenced = not fenced
        found = None if fenced else mark.match(lines[i])
        if not found:
            i += 1
            continue
        kind, lab, closed = found.group(1), found.group(2), found.group(3)
        where = f"{filename}:{i + 1}"
        if kind == "BEGIN SOLUTION":
            if open_region:
                raise MarkerError(f"{where}: nested BEGIN SOLUTION {lab} inside the region "
                                  f"of lab '{open_region[0]}' opened at line {open_region[1]}")
            open_region = (lab, i + 1)
        elif kind == "END SOLUTION":
            if not open_region:
                raise MarkerError(f"{where}: END SOLUTION {lab} without a BEGIN SOLUTION")
            if open_region[0] != lab:
                raise MarkerError(f"{where}: END SOLUTION {lab} closes the region of lab "
                                  f"'{open_region[0]}' opened at line {open_region[1]}")
            regions.append(Region(lab, open_region[1], i + 1))
            open_region = None
        else:
            if open_region:
                raise MarkerError(f"{where}: STUB {lab} inside a solution region "
                                  f"(opened at line {open_region[1]})")
            if closed:
                raise MarkerError(f"{where}: STUB {lab} must not close its comment on the "
                                  "same line: the stub's code goes on the lines after it")
            stub = _read_stub(lines, i, lab, filename, markdown)
            stubs.append(stub)
            i = stub.end
            continue
        i += 1
    if open_region:
        raise MarkerError(f"{filename}:{open_region[1]}: BEGIN SOLUTION {open_region[0]} "
                          "is never closed (no END SOLUTION)")
    return Parsed(lines, regions, stubs)


def _read_stub(lines, start, lab, filename, markdown=False):
    """The stub block opened at lines[start]: C style ends at a line `*/`,
    Markdown at a line `-->`, hash style at `# END STUB`; hash-style body
    lines lose their `# `."""
    hash_style = not markdown and lines[start].lstrip().startswith("#")
    end_re = _MD_STUB_END if markdown else _HASH_STUB_END if hash_style else _C_STUB_END
    mark = _MD_MARK if markdown else _MARK
    body = []
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if end_re.match(line):
            return Stub(lab, start + 1, j + 1, body)
        if mark.match(line):
            raise MarkerError(f"{filename}:{j + 1}: marker inside the STUB {lab} block "
                              f"opened at line {start + 1}")
        body.append(_HASH_PREFIX.sub(r"\1", line, count=1) if hash_style else line)
    closer = "-->" if markdown else "# END STUB" if hash_style else "*/"
    raise MarkerError(f"{filename}:{start + 1}: STUB {lab} is never closed (no '{closer}' line)")


def strip(text, labs, filename="<text>"):
    """The student version of a file: the solutions of the labs in `labs`
    removed and their stubs uncommented; every other lab's solution kept
    as plain text and its stub dropped. No marker line is left."""
    labs = {labs} if isinstance(labs, str) else set(labs)
    parsed = parse(text, filename)
    drop = set()                 # line numbers (1-based) to delete
    replace = {}                 # first line of a stub -> its body
    for region in parsed.regions:
        if region.lab in labs:
            drop.update(range(region.begin, region.end + 1))
        else:
            drop.update((region.begin, region.end))      # just the markers
    for stub in parsed.stubs:
        drop.update(range(stub.begin, stub.end + 1))
        if stub.lab in labs:
            replace[stub.begin] = stub.body
    out = []
    for number, line in enumerate(parsed.lines, start=1):
        if number in replace:
            out.extend(replace[number])
        if number not in drop:
            out.append(line)
    return "".join(out)
