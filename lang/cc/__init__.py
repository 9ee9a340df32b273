"""The minos C compiler (lang/cc).

Front end: parser.py (lexer + lark LALR parser, grammar.lark), sema*.py
(types, conversions, checks), constexpr.py, diag.py; its result is the typed
AST of ast.py over the types of ctypes.py. Entry point:
lang.cc.frontend.analyze(pp_text, filename) -> (TranslationUnit, warnings).
The back end (code generation, driver) turns that into assembly.
"""
