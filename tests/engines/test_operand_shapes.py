"""vm/blockops.operand makes an instruction's expression once per shape (its
register operands as placeholders, its constants as they are) and puts the
registers' names in: the text must be exactly what making the expression
anew for those operands gives, for every instruction the translator
writes inline, and for operands of every kind (registers, hoisted names,
constants at the edges of shifts, signs and divisions, folded expressions)."""

import pytest

from vm.blockops import _expression, operand
from vm.isa import INSTRUCTIONS

OPERANDS = [("r1", "r2"), ("r3", "r3"), ("k4", "r5"), ("r6", "k7"),
            ("r1", "0"), ("r1", "1"), ("r2", "31"), ("r2", "32"), ("r2", "4294967295"),
            ("r3", "2147483648"), ("0", "r2"), ("7", "r3"), ("2147483649", "r1"), ("5", "3"),
            ("(r1 << 2 & 4294967295)", "r2"), ("r2", "(r3 ^ 5)"), ("(r1 + 1)", "3")]
INLINE = [i for i in INSTRUCTIONS if i.sem and i.kind in ("alu", "div", "branch")]


@pytest.mark.parametrize("insn", INLINE, ids=lambda i: i.name)
def test_a_shape_gives_the_expression_made_anew(insn):
    for a, b in OPERANDS:
        assert operand(insn.sem, a, b) == _expression(insn.sem, a, b), (insn.name, a, b)
