"""The debugger's exokernel views (shell/debugger/exo_cmds.py): `info envs`
and `info bindings` on the exotest bundle, stopped in the child's first
exo_recv (after exofork and dumbfork) and at the end."""

import re

import pytest

from exo_helpers import bundle
from shell.debugger.exo_cmds import exo_session


@pytest.fixture(scope="module")
def transcript():
    kernel, disk, images = bundle("exotest")
    out = []
    session = exo_session(kernel, disk, images, write=out.append, budget=3_000_000)
    texts = {}
    for key, script in (("start", "info envs"),
                        ("recv", "break exo_recv\ncontinue\ninfo envs\ninfo bindings\ninfo bindings 195"),
                        ("end", "delete\ncontinue\ninfo envs\ninfo bindings 12345\ninfo bindings x")):
        start = len(out)
        for line in script.splitlines():
            session.write("(mdb) " + line)
            session.execute(line)
        texts[key] = "".join(out[start:])
    return texts


def test_before_boot_there_is_no_environment(transcript):
    assert "0 environment(s)" in transcript["start"]


def test_info_envs_lists_each_environment(transcript):
    out = transcript["recv"]
    assert "3 environment(s)" in out
    assert "slot id    state         parent  tlb        pages  repo  core  name" in out
    # (how many pages the parent holds depends on libos's size)
    assert re.search(r"\n0    65    RUNNABLE      -       pagetable  \d+ +0     -     exotest\n", out)
    assert "1    130   NOT_RUNNABLE  65      pagetable  0      0     -     exotest" in out
    # the child of dumbfork is the one running (in exo_recv, on core 0)
    assert "2    195   RUNNABLE      65      pagetable  0      0     0     exotest" in out


def test_info_bindings_shows_held_and_shared_pages(transcript):
    out = transcript["recv"]
    held = re.search(r"env 65: holds (\d+) page\(s\): ([\d, -]+)\n", out)
    assert held and int(held.group(1)) > 20
    # dumbfork's copies are the parent's pages, shared with the child: its
    # code read-execute, its data read-write; exotest shared one read-only
    assert re.search(r"  shares with env 130 r-- \d+; env 195 r-x \d+-\d+; .*env 195 rw- \d+-\d+\n", out)
    assert re.search(r"  may map pages of env 65 r-x \d+-\d+; .*env 65 rw- \d+-\d+\n", out)
    one = out.split("(mdb) info bindings 195")[1]
    assert "env 195: holds 0 page(s): none" in one and "env 65:" not in one


def test_the_states_at_the_end_and_bad_arguments(transcript):
    out = transcript["end"]
    assert "exotest: PASSED" in out
    assert "0    65    DEAD" in out
    assert "2    195   RECV" in out          # waiting for a pct no one will send
    assert "info bindings: no environment has id 12345" in out
    assert "info bindings: 'x' is not an env id" in out


def test_without_the_exokernel_it_says_what_is_missing():
    from vm.machine import Machine
    from shell.debug_cmd import attach
    from shell.debugger.engine.symbols import Programs
    out = []
    session = attach(Machine(cores=1, mem_mib=1), Programs(), write=out.append)
    session.execute("info envs")
    assert "info envs needs kernel/exo's debug info" in "".join(out)
