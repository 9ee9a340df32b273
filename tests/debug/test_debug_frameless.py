"""The debugger in code compiled without a frame at -O1 (docs/optimizer.md):
a frameless leaf (debug info `frameless`) and the early exit that runs
before a prologue. Backtraces go through lr there, `next` and `finish`
know the frame."""

import pytest

from debug_helpers import Transcript, compile_program

LEAF_C = r"""
int total;
int scale(int x, int k) {
    int y = x * k;
    return y + 1;
}
int depth(int n) {
    if (n < 1)
        return 0;
    return depth(n - 1) + scale(n, 2);
}
int main(void) {
    int i;
    for (i = 0; i < 3; i++)
        total = total + scale(i, 10);
    total = total + depth(2);
    return 0;
}
"""


@pytest.fixture(scope="module")
def leaf(tmp_path_factory):
    return compile_program(tmp_path_factory.mktemp("frameless"), {"leaf.c": LEAF_C}, "leaf")


def test_a_backtrace_from_a_frameless_leaf_shows_its_caller(leaf):
    out = Transcript(leaf, budget=1_000_000).run("break scale\ncontinue\nbt\ninfo locals\nfinish")
    assert "#0  scale (x=0, k=10) at leaf.c:" in out
    assert "#1  0x" in out and "in main () at leaf.c:15" in out
    assert "Value returned is $1 = 1" in out


def test_next_steps_over_a_frameless_leaf_call(leaf):
    out = Transcript(leaf, budget=1_000_000).run("break leaf.c:15\ncontinue\nnext\nnext\nprint total")
    assert "Program stopped" not in out and "budget" not in out
    assert "$1 = 1" in out                # scale(0, 10) + 0


def test_next_inside_a_frameless_leaf_goes_line_by_line(leaf):
    # The frame of a frameless function is its sp (fp is the caller's).
    out = Transcript(leaf, budget=1_000_000).run("break scale\ncontinue\nnext\nnext")
    assert "Program stopped" not in out and "budget" not in out
    assert "\n5\t    return y + 1;\n" in out


def test_a_backtrace_inside_recursion_with_early_exits(leaf):
    out = Transcript(leaf, budget=1_000_000).run("break scale if k == 2\ncontinue\nbt")
    lines = [ln for ln in out.splitlines() if ln.startswith("#")]
    assert [ln.split(" in ")[-1].split(" (")[0] if " in " in ln else ln.split()[1] for ln in lines][:4] \
        == ["scale", "depth", "depth", "main"]
