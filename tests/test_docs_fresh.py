"""Generated reference docs must match their source of truth."""

from pathlib import Path

from vm import isadoc

ROOT = Path(__file__).resolve().parent.parent


def test_isa_doc_is_fresh():
    text = (ROOT / "docs" / "isa.md").read_text()
    assert text == isadoc.render(), "docs/isa.md is stale: run `make docs` (python -m vm.isadoc > docs/isa.md)"
