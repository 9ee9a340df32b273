"""Tab completion in the console completes what exists inside the running
OS (shell/oscomplete.py), read from the machine's live disk."""

from pathlib import Path

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from lang.fs.image import FsImage
from shell.console import Interactive
from shell.oscomplete import completions, cwd_of
from shell.system import System

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def system():
    with System(root=ROOT) as system:
        system.boot()
        system.wait_for("$ ", 5_000_000)
        yield system


def complete(console, line):
    found = console.completer().get_completions(Document(line), CompleteEvent())
    return [line[:len(line) + c.start_position] + c.text for c in found]


def test_commands_paths_and_folders(system):
    fs = FsImage(Path(system.images.fs_img).read_bytes())
    assert ("echo", 0) in completions(fs, "/", "ec")
    assert ("exit", 0) in completions(fs, "/", "ex")                  # a builtin
    assert completions(fs, "/", "ls | wc") == [("wc", 5)]
    assert completions(fs, "/", "cat /b") == [("/bin/", 4)]
    assert ("bin/cat", 3) in completions(fs, "/", "ls bin/ca")
    assert ("cat", 3) in completions(fs, "/bin", "ls ca")              # relative to the cwd
    assert completions(fs, "/", "cat /nowhere/x") == []
    assert cwd_of("/bin$ ") == "/bin" and cwd_of("weird") == "/"


def test_a_file_made_inside_the_os_completes(system):
    console = Interactive(system)
    assert complete(console, "cat /zebra") == []
    system.type("echo stripes > /zebra_notes\nmkdir /zoo\n")
    system.wait_for("$ ", 5_000_000)
    system.wait_for("$ ", 5_000_000)
    assert complete(console, "cat /zebra") == ["cat /zebra_notes"]
    assert complete(console, "cd /zo") == ["cd /zoo/"]
