"""The compiler's front end: preprocessed C text -> typed AST.

    unit, warnings = analyze(pp_text, filename)

`pp_text` is the preprocessor's output (with `# LINE "FILE"` linemarkers);
`filename` names it when there is no linemarker. Raises diag.CompileError
(a MinosError whose text is every diagnostic, formatted with the source
line and a caret). warnings is a list of diag.Diagnostic (str() formats one).
The result is described in ast.py.
"""

from .diag import CompileError
from .parser import parse
from .sema import analyze_items


def analyze(pp_text, filename):
    items = parse(pp_text, filename)
    return analyze_items(items, filename)


def check(pp_text, filename):
    """Like analyze, but returns the list of error Diagnostics (empty if fine)."""
    try:
        analyze(pp_text, filename)
    except CompileError as e:
        return e.diagnostics
    return []
