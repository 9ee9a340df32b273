"""Generated reference docs must match their source of truth."""

from pathlib import Path

from vm import headergen, isadoc

ROOT = Path(__file__).resolve().parent.parent


def test_isa_doc_is_fresh():
    text = (ROOT / "docs" / "isa.md").read_text()
    assert text == isadoc.render(), "docs/isa.md is stale: run `make docs` (python -m vm.isadoc > docs/isa.md)"


def test_machine_header_is_fresh():
    """hw.h (the machine's facts for the kernel and the runtime) is vm/'s."""
    text = (ROOT / headergen.OUTPUT).read_text()
    assert text == headergen.render(), \
        f"{headergen.OUTPUT} is stale: run `make docs` (python -m vm.headergen > {headergen.OUTPUT})"
