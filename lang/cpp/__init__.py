"""The C preprocessor.

    preprocess_file(path, include_dirs=(), system_dirs=(), defines=None) -> str
    preprocess_text(text, filename, include_dirs=(), system_dirs=(), defines=None) -> str

The output is C text with GCC-style linemarkers: a line `# LINE "FILE"` means
the next line is line LINE of FILE. Errors raise CppError (a MinosError)
whose message reads `FILE:LINE:COL: error: MESSAGE` with the source line and
a caret. Pass a list as `warnings` to collect warnings (#warning, macro
redefinitions, extra tokens after a directive) in the same format.

What it does: comments and backslash-newlines (line numbers kept), #include
"..." (the including file's directory, then include_dirs, then system_dirs)
and <...> (include_dirs, then system_dirs), #define/#undef with # and ##,
variadic macros (and GNU `, ## __VA_ARGS__`), rescanning with hide sets,
#if/#ifdef/#ifndef/#elif/#else/#endif, #error, #warning, #pragma once,
#line, and the macros __FILE__, __LINE__, __STDC__, __STDC_VERSION__ and
__minos__. `defines` maps NAME (or `NAME(params)`) to a value; None means 1.

Where it differs from GCC: #if arithmetic is 32-bit (the target has no
64-bit type, so intmax_t is 32 bits); a directive inside the arguments of a
macro invocation is an error; other #pragmas are dropped.

Modules: source (splicing, comments), tokens (lexer), macros (#define and
expansion), expr (#if arithmetic), output (linemarkers, layout),
preprocessor (directives, includes, the main loop).
"""

from .errors import CppError
from .preprocessor import Preprocessor


def preprocess_text(text, filename, include_dirs=(), system_dirs=(), defines=None,
                    warnings=None):
    """Preprocess `text` as if it were the file `filename`."""
    return Preprocessor(include_dirs, system_dirs, defines, warnings).run_text(text, filename)


def preprocess_file(path, include_dirs=(), system_dirs=(), defines=None, warnings=None):
    """Preprocess the file at `path`."""
    return Preprocessor(include_dirs, system_dirs, defines, warnings).run_file(path)


__all__ = ["preprocess_text", "preprocess_file", "CppError"]
