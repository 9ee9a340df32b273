"""`minos` imports only what the subcommand it runs needs (shell/cli.py:
COMMANDS), so start-up stays short: checked by the modules a process has
imported, never by timing."""

import argparse
import importlib
import json
import subprocess
import sys

import pytest

from shell.cli import COMMAND_MODULES, COMMANDS

HEAVY = ["lark", "lang.cc.parser", "vm.fast", "vm.blockgen", "rich"]


def imported_after(code):
    """The modules a fresh interpreter has imported after running code."""
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


@pytest.mark.parametrize("module", sorted({m for m, _ in COMMANDS.values()}))
def test_commands_table_matches_what_each_module_registers(module):
    assert module in COMMAND_MODULES
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    importlib.import_module(module).register(sub)
    registered = {action.dest: action.help for action in sub._choices_actions}
    listed = {name: help for name, (m, help) in COMMANDS.items() if m == module}
    assert registered == listed


def test_importing_the_cli_imports_no_engine_compiler_or_rich():
    modules = imported_after("import shell.cli")
    assert not modules & set(HEAVY)
    assert not modules & set(COMMAND_MODULES)


def test_help_imports_no_command_module():
    modules = imported_after("from shell.cli import main\n"
                             "import contextlib, io\n"
                             "with contextlib.redirect_stdout(io.StringIO()):\n"
                             "    try:\n"
                             "        main(['--help'])\n"
                             "    except SystemExit:\n"
                             "        pass")
    assert not modules & set(COMMAND_MODULES)
    assert not modules & set(HEAVY)


def test_machine_imports_neither_compiler_nor_translator(tmp_path):
    from bench.workloads import build
    image = tmp_path / "tiny.img"
    build("alu", 3).save(str(image))
    modules = imported_after("from shell.cli import main\n"
                             f"assert main(['machine', {str(image)!r}]) == 0")
    assert "shell.machine_cmd" in modules and "vm.machine" in modules
    assert not modules & {"lark", "lang.cc.parser", "lang.link", "vm.blockgen", "rich", "hashlib"}
    assert not modules & (set(COMMAND_MODULES) - {"shell.machine_cmd"})


def test_machine_imports_no_dataclasses_or_random(tmp_path):
    """The machine's records (vm/record.py) need no dataclasses (which brings
    inspect, ast and tokenize), and only a seeded machine needs random."""
    from bench.workloads import build
    image = tmp_path / "tiny.img"
    build("alu", 3).save(str(image))
    modules = imported_after("from shell.cli import main\n"
                             f"assert main(['machine', {str(image)!r}]) == 0")
    assert not modules & {"dataclasses", "inspect", "random"}
