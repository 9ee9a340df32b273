"""`minos run` (shell/run_cmd.py): output, status, stdin scripts, bounds."""

import io
import sys

import pytest

from shell import cli
from shell.run_cmd import RunError, run_commands
from shell.system import System


@pytest.fixture(scope="module")
def system():
    s = System(kernel="mono", cores=1)
    s.build()
    yield s
    s.close()


def test_output_is_only_the_commands(system):
    result = run_commands("echo hi\necho there", system=system)
    assert result.output == b"hi\nthere\n"
    assert result.status == 0
    assert b"minos kernel" in result.console      # the banner was there, and dropped


def test_status_is_the_last_commands(system):
    assert run_commands("true; false", system=system).status == 1
    assert run_commands("exit 42", system=system).status == 42


def test_each_run_starts_from_a_fresh_disk(system):
    run_commands("echo data > /left-behind", system=system)
    result = run_commands("cat /left-behind", system=system)
    assert result.status == 1


def test_a_runs_disk_is_the_built_disk_with_the_script_added(system, tmp_path):
    """The built fs.img with /etc/minos-run added in place (mkfs.extend_image)
    is the image mkfs makes of the programs and the script at once."""
    from lang.fs.mkfs import build_image
    from shell.run_cmd import script_image
    disk = script_image(system, "echo hi")
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "minos-run").write_text("echo hi\n")
    assert disk == build_image([str(system.images.dir / "root"), str(tmp_path)])


def test_a_program_added_to_the_built_tree_after_the_build_is_on_the_disk(system, tmp_path):
    """The built fs.img is used only while it is what the build made of the
    staging tree as it is now (shell/build.py DISK_STAT): a file added
    since (tests link programs into the tree) is on the run's disk."""
    from shell.run_cmd import script_image
    extra = system.images.dir / "root" / "bin" / "added-after-build"
    extra.write_bytes(b"not a program")
    try:
        disk = script_image(system, "echo hi")
        assert b"added-after-build" in disk and b"not a program" in disk
    finally:
        extra.unlink()
    assert b"added-after-build" not in script_image(system, "echo hi")


def test_the_bound_gives_a_clear_error(system):
    with pytest.raises(RunError, match="did not finish within 3,000,000 instructions"):
        run_commands("sleep 1000", system=system, max_instructions=3_000_000)


def test_cli_prints_output_and_exits_with_status(capsysbinary):
    status = cli.main(["run", "-c", "echo from cli; exit 3"])
    assert status == 3
    assert capsysbinary.readouterr().out == b"from cli\n"


def test_cli_reads_the_script_from_stdin(capsysbinary, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("echo one\necho two\n"))
    assert cli.main(["run"]) == 0
    assert capsysbinary.readouterr().out == b"one\ntwo\n"


def test_cli_verbose_shows_the_boot(capsysbinary):
    assert cli.main(["run", "--verbose", "-c", "echo v"]) == 0
    out = capsysbinary.readouterr().out
    assert b"minos kernel" in out and out.endswith(b"v\n")


def test_cli_bound_error_is_one_line_not_a_traceback(capsys):
    assert cli.main(["run", "--max-instructions", "2000000", "-c", "sleep 1000"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("minos run: the commands did not finish within 2,000,000 instructions")
    assert "Traceback" not in err


def test_cli_rejects_zero_cores(capsys):
    assert cli.main(["run", "--cores", "0", "-c", "true"]) == 1
    assert "--cores must be at least 1" in capsys.readouterr().err


def test_the_run_leaves_no_trace_in_the_file_system(system):
    result = run_commands("ls /; cat /etc/minos-run", system=system)
    assert b"etc" not in result.output.split(b"cat:")[0]
    assert result.status != 0                     # the script file is gone
    assert b"<<minos-run>>" not in result.output


def test_a_timeout_dump_shows_no_internal_marker(system):
    with pytest.raises(RunError) as e:
        run_commands("echo started; sleep 1000", system=system, max_instructions=3_000_000)
    assert "started" in str(e.value) and "<<minos-run>>" not in str(e.value)
    assert "minos kernel" not in str(e.value)     # the commands' output, not the boot's


def test_cli_verbose_never_shows_the_marker(capsysbinary):
    assert cli.main(["run", "--verbose", "-c", "echo v"]) == 0
    out = capsysbinary.readouterr().out
    assert b"minos kernel" in out and b"<<minos-run>>" not in out and out.endswith(b"\nv\n")


@pytest.mark.parametrize("argv, stdin, why", [
    (["run", "ls"], "", "the commands go after -c: minos run -c 'ls'"),
    (["run"], "", "no commands: standard input is empty"),
    (["run", "-c", " "], "", "no commands: -c is empty"),
])
def test_nothing_to_run_prints_the_usage_with_examples(argv, stdin, why, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"minos run: {why}\nusage: minos run ")
    assert "examples:\n  minos run -c 'ls /bin'" in err
