"""`minos debug` from the command line: batch scripts, -ex, errors."""

from shell.cli import main as minos


def test_batch_script_runs_and_prints_console_output_in_place(recursive, tmp_path, capsys):
    script = tmp_path / "s.gdb"
    script.write_text("break prog.c:27\ncontinue\nprint counter\ncontinue\n")
    assert minos(["debug", "--bare", str(recursive), "-x", str(script), "--batch"]) == 0
    out = capsys.readouterr().out
    assert "stopped before the first instruction" in out
    assert "(mdb) break prog.c:27" in out
    assert out.index("fact 24\n") < out.index("Breakpoint 1, main () at prog.c:27")
    assert "$1 = 5" in out
    assert "[machine powered off with exit code 0]" in out
    assert "\x1b[" not in out          # no colors when not a terminal


def test_ex_commands_and_determinism(recursive, capsys):
    args = ["debug", "--bare", str(recursive), "-ex", "break fact", "-ex", "continue",
            "-ex", "bt", "-ex", "reverse-stepi", "-ex", "info digest", "--batch"]
    assert minos(args) == 0
    first = capsys.readouterr().out
    assert minos(args) == 0
    assert capsys.readouterr().out == first


def test_errors_are_one_line(recursive, tmp_path, capsys):
    assert minos(["debug", "--kernel", "nosuch", "--batch"]) == 1
    assert "unknown kernel 'nosuch'" in capsys.readouterr().err
    assert minos(["debug", "--kernel", "mono", "--bare", str(recursive), "--batch"]) == 1
    assert "not both" in capsys.readouterr().err
    assert minos(["debug", "--bare", str(recursive), "-x", str(tmp_path / "nope.gdb"), "--batch"]) == 1
    err = capsys.readouterr().err
    assert "cannot read the command file" in err and "Traceback" not in err
    assert minos(["debug", "--bare", str(tmp_path / "missing.img"), "--batch"]) == 1
    assert capsys.readouterr().err.startswith("minos debug: ")


def test_two_cores(recursive, capsys):
    args = ["debug", "--bare", str(recursive), "--cores", "2", "-ex", "break fact", "-ex", "continue",
            "-ex", "info cores", "-ex", "delete", "-ex", "core 1", "-ex", "stepi", "-ex", "info cores", "--batch"]
    assert minos(args) == 0
    out = capsys.readouterr().out
    assert "Breakpoint 1, [core 0] fact (n=4)" in out
    assert "* core 0  ring 0" in out and "  core 1  ring 0" in out
    assert "[Switching to core 1]" in out
    assert "* core 1  ring 0" in out
