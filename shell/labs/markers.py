"""Solution regions: the marked parts of the sources a lab asks students to write.

A region is a pair of whole-line markers naming the lab, written as a
comment in the file's own language (docs/labs.md):

    /* BEGIN SOLUTION util */          # BEGIN SOLUTION util
    ... the reference code ...         ... the reference code ...
    /* END SOLUTION util */            # END SOLUTION util
    /* STUB util                       # STUB util
    ... what the student starts with   # ... what the student starts with
    */                                 # END STUB

The stub block is optional. In the reference tree it is a comment, so it is
never compiled; `minos lab export` deletes the solution, uncomments the
stub and drops the lab's marker lines. Regions of other labs are kept.
"""

import re
from dataclasses import dataclass, field

from vm.errors import MinosError

# One marker per line: the comment opener, the keyword, the lab's name.
_MARK = re.compile(r"^\s*(?:/\*|//|#)\s*(BEGIN SOLUTION|END SOLUTION|STUB)\s+([A-Za-z0-9_-]+)"
                   r"\s*(\*/)?\s*$")
_C_STUB_END = re.compile(r"^\s*\*/\s*$")
_HASH_STUB_END = re.compile(r"^\s*#\s*END STUB\b.*$")
_HASH_PREFIX = re.compile(r"^(\s*)# ?")

# Files whose text may hold markers (code only: docs may show markers as examples).
MARKED_SUFFIXES = {".c", ".h", ".s", ".S", ".py"}


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
    i = 0
    while i < len(lines):
        found = _MARK.match(lines[i])
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
            stub = _read_stub(lines, i, lab, filename)
            stubs.append(stub)
            i = stub.end
            continue
        i += 1
    if open_region:
        raise MarkerError(f"{filename}:{open_region[1]}: BEGIN SOLUTION {open_region[0]} "
                          "is never closed (no END SOLUTION)")
    return Parsed(lines, regions, stubs)


def _read_stub(lines, start, lab, filename):
    """The stub block opened at lines[start]: C style ends at a line `*/`,
    hash style at `# END STUB`; hash-style body lines lose their `# `."""
    hash_style = lines[start].lstrip().startswith("#")
    end_re = _HASH_STUB_END if hash_style else _C_STUB_END
    body = []
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if end_re.match(line):
            return Stub(lab, start + 1, j + 1, body)
        if _MARK.match(line):
            raise MarkerError(f"{filename}:{j + 1}: marker inside the STUB {lab} block "
                              f"opened at line {start + 1}")
        body.append(_HASH_PREFIX.sub(r"\1", line, count=1) if hash_style else line)
    closer = "# END STUB" if hash_style else "*/"
    raise MarkerError(f"{filename}:{start + 1}: STUB {lab} is never closed (no '{closer}' line)")


def strip(text, lab, filename="<text>"):
    """The student version of a file: lab's solutions removed, its stubs
    uncommented, its markers gone. Other labs' regions stay as they are."""
    parsed = parse(text, filename)
    drop = set()                 # line numbers (1-based) to delete
    replace = {}                 # first line of a stub -> its body
    for region in parsed.regions:
        if region.lab == lab:
            drop.update(range(region.begin, region.end + 1))
    for stub in parsed.stubs:
        if stub.lab == lab:
            drop.update(range(stub.begin, stub.end + 1))
            replace[stub.begin] = stub.body
    out = []
    for number, line in enumerate(parsed.lines, start=1):
        if number in replace:
            out.extend(replace[number])
        if number not in drop:
            out.append(line)
    return "".join(out)
