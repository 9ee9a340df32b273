"""Milestone B of the exokernel (issue 16): visible revocation and the
abort protocol, with programs/revoketest.c. The test plays the kernel's
memory pressure: it sets the kernel's revocation knob (exo_revoke, in
kernel/exo/revoke.c) in the machine's memory when the program says it
is ready. One boot runs the three cases in turn (module fixture).
"""

import re

import pytest

from exo_helpers import bundle, kernel_symbol
import shell.build as build_mod
from shell.system import System

BOUND = 3_000_000     # instructions per phase


def knob(system, env, n, ppn):
    addr = kernel_symbol("revoketest", "exo_revoke")
    mem = system.machine.memory
    mem.set_word(addr + 4, n)
    mem.set_word(addr + 8, ppn & 0xFFFFFFFF)
    mem.set_word(addr, env)          # last: a non-zero env starts the request


@pytest.fixture(scope="module")
def phases():
    kernel, disk, _ = bundle("revoketest")
    out = {}
    with System(kernel="exo") as system:
        system.images = build_mod.Build("exo", disk.parent, None, kernel, disk, [], 0)
        system.boot()
        env = int(system.wait_for(re.compile(r"phase 1 ready env (\d+)\n"), BOUND).group(1))
        start = system.mark
        knob(system, env, 2, -1)
        system.wait_for("phase 1 done", BOUND)
        system.wait_for("\n", BOUND)
        out[1] = system.console_since(start)

        start = system.mark
        system.wait_for("phase 2 ready", BOUND)
        knob(system, env, 2, -1)
        system.wait_for("phase 2 done", BOUND)
        system.wait_for("\n", BOUND)
        out[2] = system.console_since(start)

        start = system.mark
        page = int(system.wait_for(re.compile(r"phase 3 ready env \d+ page (\d+)\n"), BOUND).group(1))
        knob(system, env, 1, page)
        system.wait_for("phase 3 done", BOUND)
        system.wait_for("\n", BOUND)
        out[3] = system.console_since(start)
        out["page"] = page

        start = system.mark
        xstack = int(system.wait_for(re.compile(r"phase 4 ready env \d+ page (\d+)\n"), BOUND).group(1))
        knob(system, env, 1, xstack)
        result = system.run(BOUND)
        out[4] = system.console_since(start)
        out["result"] = result
    return out


def test_cooperative_library_chooses_the_pages(phases):
    text = phases[1]
    assert "library: asked for 2 page(s), page -1" in text
    assert len(re.findall(r"library: gave back page \d+", text)) == 2
    assert re.search(r"exo: revocation: env \d+ gave back 2 page\(s\)", text)
    assert "phase 1 done: 4 spare pages left, repossessed 0" in text
    assert "abort protocol" not in text


def test_ignoring_library_is_repossessed_by_force_and_its_handler_sees_it(phases):
    text = phases[2]
    assert "library: asked for 2 page(s)" in text
    assert re.search(r"exo: revocation: env \d+ did not comply: abort protocol, 2 page\(s\) repossessed", text)
    assert "phase 2 repossessed 2 page(s)" in text
    assert len(re.findall(r"library: page \d+ at 0x[0-9a-f]+ was repossessed", text)) == 2
    assert "phase 2 done: 2 fault(s) on repossessed pages" in text
    assert "FAIL" not in text


def test_wrong_page_released_the_kernel_takes_the_one_it_asked_for(phases):
    text, page = phases[3], phases["page"]
    assert f"library: asked for 1 page(s), page {page}" in text
    gave = re.search(r"library: gave back page (\d+)", text)
    assert gave and int(gave.group(1)) != page          # the wrong one
    assert "abort protocol, 1 page(s) repossessed" in text
    assert f"phase 3 done: repossessed {page} (asked for {page})" in text


def test_taking_the_exception_stack_kills_the_env_not_the_kernel(phases):
    text = phases[4]
    assert "abort protocol, 1 page(s) repossessed" in text
    assert "phase 4: exception stack repossessed; a breakpoint now" in text
    assert re.search(r"pid \d+ \(revoketest\): breakpoint at pc 0x[0-9a-f]+: killed", text), text
    assert "FAIL" not in text and "panic" not in text
    assert phases["result"].reason == "halt"
