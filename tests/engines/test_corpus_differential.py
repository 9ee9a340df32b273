"""Every program of the C corpus (tests/lang/programs), compiled at -O1 for
the bare machine, run under both engines: the same final state and
counters. Compiled code is what the translator's superblocks (side exits,
calls inlined on a page, loops) are made for. (No trace hash here: an
instruction hook makes both engines step one instruction at a time.)"""

import sys
from pathlib import Path

import pytest

from test_differential import assert_same, run_both
from vm.image import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lang"))
from test_programs import build, corpus  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("src", corpus(), ids=lambda p: p.stem)
def test_corpus_program_identical(src, tmp_path):
    img = tmp_path / (src.stem + ".img")
    build(src, 1, img)
    states = run_both(Image.load(str(img)), 5_000_000)
    assert states["ref"][0].reason == "halt"
    assert_same(states)


@pytest.mark.parametrize("budget", [999, 12_345, 54_321])
def test_corpus_program_stopped_anywhere_is_identical(budget, tmp_path):
    """Stopped at an arbitrary instruction, inside some superblock."""
    src = next(p for p in corpus() if "qsort" in p.stem)
    img = tmp_path / "prog.img"
    build(src, 1, img)
    assert_same(run_both(Image.load(str(img)), budget))
