"""The positive C corpus: compile each tests/lang/programs/NNN_*.c for the bare
machine, run it, and compare its console output and exit status with
NNN_*.expected and NNN_*.exit (made by gcc_expected.py from the host gcc, or
written by hand for the few `// nogcc` programs).

Every program is built at -O1; every fourth one also at -O0, so both code
generation paths are exercised without doubling the run time.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"

# The largest program in the corpus needs about 150 thousand instructions;
# a miscompiled infinite loop stops here with a clear failure.
MAX_INSTRUCTIONS = 5_000_000
MIN_PROGRAMS = 220


def corpus():
    return sorted(PROGRAMS.glob("[0-9][0-9][0-9]_*.c"))


def cases():
    out = []
    for i, src in enumerate(corpus()):
        out.append(pytest.param(src, 1, id=f"{src.stem}-O1"))
        if i % 4 == 0:
            out.append(pytest.param(src, 0, id=f"{src.stem}-O0"))
    return out


def build(src, opt, img):
    """Compile and link src with the bare runtime into img."""
    from lang.cc.driver import Driver, Options
    from vm.errors import MinosError
    try:
        Driver(Options(opt=opt, bare=True)).link([str(src)], str(img))
    except MinosError as e:
        pytest.fail(f"{src.name} -O{opt} does not compile:\n{e}", pytrace=False)


def run(img):
    """Run an image; returns (console output bytes, exit status)."""
    from vm.image import Image
    from vm.machine import Machine
    m = Machine(cores=1)
    try:
        m.load_image(Image.load(str(img)))
        result = m.run(max_instructions=MAX_INSTRUCTIONS)
    finally:
        m.close()
    if result.reason == "limit":
        pytest.fail(f"did not finish within {MAX_INSTRUCTIONS} instructions "
                    f"(output so far: {m.console_output[-200:]!r})")
    if result.reason != "halt":
        pytest.fail(f"machine stopped ({result.reason}): {result.message} "
                    f"(output so far: {m.console_output[-200:]!r})")
    return m.console_output, result.exit_code & 0xFF


def first_difference(got, want):
    """A short description of where two outputs first differ."""
    got_lines, want_lines = got.split(b"\n"), want.split(b"\n")
    for n, (g, w) in enumerate(zip(got_lines, want_lines), 1):
        if g != w:
            return f"line {n}: got {g!r}, expected {w!r}"
    return f"got {len(got_lines)} lines, expected {len(want_lines)}"


@pytest.mark.parametrize("src,opt", cases())
def test_program(src, opt, tmp_path, toolchain):
    want_out = src.with_suffix(".expected").read_bytes()
    want_status = int(src.with_suffix(".exit").read_text().strip())
    img = tmp_path / (src.stem + ".img")
    build(src, opt, img)
    out, status = run(img)
    assert out == want_out, f"{src.name} -O{opt}: output differs: {first_difference(out, want_out)}"
    assert status == want_status, f"{src.name} -O{opt}: exit status {status}, expected {want_status}"


def test_corpus_is_complete():
    """Enough programs, each with both expected files, and few hand-written ones."""
    progs = corpus()
    assert len(progs) >= MIN_PROGRAMS
    for src in progs:
        assert src.with_suffix(".expected").exists(), f"{src.name} has no .expected file"
        assert src.with_suffix(".exit").read_text().strip().isdigit(), f"{src.name}: bad .exit file"
    nogcc = [p for p in progs if p.read_text().startswith("// nogcc")]
    assert len(nogcc) < 20


@pytest.mark.slow
def test_expected_files_match_gcc():
    """The expected files are still what the host gcc produces."""
    if shutil.which("gcc") is None:
        pytest.skip("no gcc on this host")
    r = subprocess.run([sys.executable, str(HERE / "gcc_expected.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
