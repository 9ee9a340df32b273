"""The assembler: minos assembly text -> object file (lang/obj.py).

    from lang.asm import assemble, assemble_file
    obj = assemble(text, "prog.s")          # an ObjectFile
    obj = assemble_file("prog.s")

The syntax is documented in docs/formats.md.
"""

from .assembler import assemble, assemble_file
from .errors import AsmError

__all__ = ["assemble", "assemble_file", "AsmError"]
