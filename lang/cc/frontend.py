"""The compiler's front end: preprocessed C text -> typed AST.

    unit, warnings = analyze(pp_text, filename)

`pp_text` is the preprocessor's output (with `# LINE "FILE"` linemarkers);
`filename` names it when there is no linemarker. Raises diag.CompileError
(a MinosError whose text is every diagnostic, formatted with the source
line and a caret). warnings is a list of diag.Diagnostic (str() formats one).
The result is described in ast.py.
"""

import gc
import sys

from .diag import CompileError
from .parser import parse
from .sema import analyze_items


# Analysis recurses over the tree; `a + b + ... + z` with thousands of terms
# is legal C, so allow deep recursion while we run (sema reports an error
# rather than crash if even that is exceeded).
RECURSION_LIMIT = 20000


def analyze(pp_text, filename):
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, RECURSION_LIMIT))
    # The front end allocates many small objects and frees none of them until
    # it is done; the cyclic garbage collector would scan them again and
    # again for nothing (it more than doubles the time on big files).
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        lex_warnings = []
        items = parse(pp_text, filename, lex_warnings)
        unit, warnings = analyze_items(items, filename)
        return unit, lex_warnings + warnings
    finally:
        if gc_was_on:
            gc.enable()
        sys.setrecursionlimit(old)


def check(pp_text, filename):
    """Like analyze, but returns the list of error Diagnostics (empty if fine)."""
    try:
        analyze(pp_text, filename)
    except CompileError as e:
        return e.diagnostics
    return []
