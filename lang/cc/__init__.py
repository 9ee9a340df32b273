"""The minos C compiler (lang/cc).

Front end: lexer.py (tokens), parser.py (lark's LALR tables for
grammar.lark, fed a token at a time), builder.py (the grammar's callbacks,
building the parse tree of ptree.py), sema*.py (types, conversions, checks), constexpr.py, diag.py; its result is the typed
AST of ast.py over the types of ctypes.py. Entry point:
lang.cc.frontend.analyze(pp_text, filename) -> (TranslationUnit, warnings).
The back end (code generation, driver) turns that into assembly.
"""
