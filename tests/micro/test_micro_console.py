"""The console driver of the micro world (servers/console.c, issue 15
milestone B): one bounded boot of a bundle whose root task is
programs/constest.c — it starts the real driver as servers/root.c does
and is its only client. The host types at each prompt; constest checks
each reply from inside (a "FAIL ..." line per broken rule), and the
cost of a 2-byte write (`write(1, "hi", 2)`'s server half) is measured
between console markers."""

import re
import shutil
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from lang.debuginfo import DebugInfo
from shell.perf.kernel_view import KernelView
from shell.perf.session import LineTap, difference, snapshot
from shell.system import System

HERE = Path(__file__).resolve().parent
BOUND = 20_000_000
TYPED = [("TYPE LINE 1\n", "ab\x08c\n"), ("TYPE LINE 2\n", "xy\x15z\n"),
         ("TYPE LINE 3\n", "hello\n"), ("TYPE LINE 4\n", "q\x04"),
         ("TYPE A LONG LINE\n", "x" * 200 + "\n"), ("TYPE TWO LINES\n", "one\ntwo\n"),
         ("TYPE CTRL-C\n", "\x03")]
# Today's figure (docs/micro.md), as a ceiling.
CONSWRITE_CEILING = 3_200


@pytest.fixture(scope="module")
def consrun():
    out = Path(tempfile.mkdtemp(prefix="minos-micro-cons-"))
    marks = {}
    try:
        kernel_img = build_mod.micro_kernel(
            build_mod.ROOT, out, [("constest", HERE / "programs" / "constest.c"),
                                  ("console", build_mod.server_sources(build_mod.ROOT, "console"))],
            tmpdir=out / ".tmp")
        build_mod.make_fs(out / "fs.img", out / "fsroot")
        images = build_mod.Build("micro", out, build_mod.ROOT, kernel_img, out / "fs.img", [], 0)
        view = KernelView(DebugInfo.load(str(kernel_img)))
        with System(kernel="micro") as system:
            def line(text):
                if "COST " in text:          # the measured "hi"s share its line
                    marks[text[text.index("COST "):]] = snapshot(system.machine, view)

            system.console_out = LineTap(line)
            system.images = images
            system.boot()
            for prompt, keys in TYPED:
                system.wait_for(prompt, BOUND)
                system.type(keys)
            system.wait_for(re.compile(r"CONSTEST (PASSED|FAILED)\n"), BOUND)
            yield system.console_since(0), marks
    finally:
        shutil.rmtree(out, ignore_errors=True)


def test_console_checks_pass(consrun):
    output, _ = consrun
    assert [l for l in output.splitlines() if l.startswith("FAIL")] == []
    for part in ("lines", "parked reads", "errors", "interrupt"):
        assert f"{part} checked" in output
    assert "CONSTEST PASSED" in output


def test_console_echoes_and_writes(consrun):
    output, _ = consrun
    assert "console driver says hi" in output        # CONS_WRITE
    assert "hello\n" in output                       # the driver echoes what is typed
    assert "^C\n" in output


def test_console_write_cost(consrun):
    _, marks = consrun
    many = difference(marks["COST conswrite 150 END"], marks["COST conswrite 150 START"])
    few = difference(marks["COST conswrite 50 END"], marks["COST conswrite 50 START"])
    cost = {k: (many[k] - few[k]) / 100 for k in many}
    print(f"micro CONS_WRITE of 2 bytes: {cost}")
    assert cost["messages"] == 2
    assert cost["instructions"] <= CONSWRITE_CEILING, cost
