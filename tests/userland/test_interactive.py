"""The interactive shell at the console, typed through the System API
(deterministic, bounded in instructions): ^C, ^D, the prompt, jobs."""

import re

import pytest

from shell.system import System

BOUND = 50_000_000
PROMPT = re.compile(r"/[^\s$]*\$ $")


@pytest.fixture
def console():
    with System(kernel="mono", cores=1) as system:
        system.boot()
        system.wait_for(PROMPT, BOUND)
        yield system


def test_prompt_shows_the_directory(console):
    console.type("mkdir /tmp; cd /tmp\n")
    console.wait_for("/tmp$ ", BOUND)
    console.type("cd /\n")
    console.wait_for(re.compile(r"\n/\$ $"), BOUND)


def test_ctrl_c_kills_the_foreground_job_not_the_shell(console):
    console.type("sleep 100000\n")
    console.run(3_000_000)                      # sleep is now waiting
    console.type("\x03")
    console.wait_for(PROMPT, BOUND)             # back at the prompt long before 100000 s
    console.type("echo $?\n")
    console.wait_for("255\n", BOUND)
    console.type("echo alive\n")
    console.wait_for("alive\n", BOUND)


def test_ctrl_c_spares_background_jobs(console):
    console.type("sleep 2 && echo bg-finished &\n")
    console.wait_for(PROMPT, BOUND)
    console.type("sleep 100000\n")
    console.run(2_000_000)
    console.type("\x03")
    console.wait_for("bg-finished\n", 400_000_000)


def test_ctrl_c_at_the_prompt_discards_the_line(console):
    console.type("echo never")
    console.run(500_000)
    console.type("\x03echo shown\n")
    console.wait_for("shown\n", BOUND)
    assert "never\n" not in console.console_since(0)


def test_ctrl_d_ends_the_shell_and_powers_off(console):
    console.type("false\n")
    console.wait_for(PROMPT, BOUND)
    console.type("\x04")
    result = console.run(BOUND)
    assert result.reason == "halt"
    assert result.exit_code == 1                # the last status
