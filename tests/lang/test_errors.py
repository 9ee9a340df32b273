"""The negative C corpus: each tests/lang/errors/NAME.c must be rejected.

The first line of each program is `// ERROR: LINE:COL: MESSAGE`: compiling it
with `minos cc --bare -c` must exit with status 1, without a Python
traceback, and the first error printed must be `FILE:LINE:COL: error: MESSAGE`
(FILE as passed on the command line). A MESSAGE ending in `...` is matched by
prefix, for syntax errors whose list of expected tokens is not worth pinning.
"""

import re
from pathlib import Path

import pytest

ERRORS = Path(__file__).resolve().parent / "errors"

HEADER = re.compile(r"//\s*ERROR:\s*(\d+):(\d+):\s*(.*\S)\s*$")
MIN_ERRORS = 45


def corpus():
    return sorted(ERRORS.glob("*.c"))


def expectation(src):
    """(line, col, message, is_prefix) from the program's first line."""
    first = src.read_text().split("\n", 1)[0]
    m = HEADER.match(first)
    assert m, f"{src.name}: first line must be '// ERROR: LINE:COL: MESSAGE'"
    line, col, msg = int(m.group(1)), int(m.group(2)), m.group(3)
    if msg.endswith("..."):
        return line, col, msg[:-3], True
    return line, col, msg, False


def first_error(stderr):
    """The first line of stderr that reports an error."""
    for line in stderr.splitlines():
        if ": error: " in line:
            return line
    return None


@pytest.mark.parametrize("src", corpus(), ids=lambda p: p.stem)
def test_error(src, tmp_path, capsys, toolchain):
    from shell.cli import main
    line, col, msg, is_prefix = expectation(src)
    status = main(["cc", "--bare", "--no-cache", "-c", str(src), "-o", str(tmp_path / "out.o")])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert status == 1, f"{src.name}: exit status {status}, expected 1; stderr:\n{err}"
    want = f"{src}:{line}:{col}: error: {msg}"
    got = first_error(err)
    assert got is not None, f"{src.name}: no 'error:' line in stderr:\n{err}"
    # The CLI may put its own prefix before the diagnostic.
    start = got.find(f"{src}:")
    got = got[start:] if start >= 0 else got
    if is_prefix:
        assert got.startswith(want), f"{src.name}: first error\n  {got}\nexpected a line starting\n  {want}"
    else:
        assert got == want, f"{src.name}: first error\n  {got}\nexpected\n  {want}"


def test_error_corpus_is_complete():
    progs = corpus()
    assert len(progs) >= MIN_ERRORS
    for src in progs:
        expectation(src)
