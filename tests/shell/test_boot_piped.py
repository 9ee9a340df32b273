"""`printf '...' | minos boot`: piped input goes to the console raw, and the
end of the input ends the OS shell like ^D, so the machine powers off and
minos exits with the shell's status."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def boot(script):
    return subprocess.run([sys.executable, "-m", "shell.cli", "boot"], input=script.encode(),
                          capture_output=True, cwd=ROOT, timeout=600)


def test_piped_commands_run_and_the_end_of_input_powers_off():
    done = boot("ls /bin | head -n 1\necho hi | wc -c\n")
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert "minos kernel" in out and "$ cat\n/$ " in out and "      3\n" in out


def test_exit_status_of_the_shell_is_the_exit_status_of_minos():
    assert boot("exit 7\n").returncode == 7


def test_64_kib_piped_into_the_os_arrive_whole(capsysbinary):
    """Flow control (docs/devices.md): the host feeds the console no faster
    than the kernel reads it, so 64 KiB piped in one go all reach `wc -c`,
    and the end of input (^D) after them is not lost either."""
    import os
    import threading

    from shell.console import run_piped
    from shell.system import System
    data = b"".join(b"%063d\n" % i for i in range(1024))
    read_end, write_end = os.pipe()

    def feed():
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(b"wc -c\n" + data)
    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    with System(root=ROOT) as system:
        status = run_piped(system, fd=read_end, max_instructions=120_000_000)
    os.close(read_end)
    writer.join(timeout=10)
    out = capsysbinary.readouterr()
    assert status == 0, (out.err, out.out[-300:])
    assert b"\n  65536\n" in out.out


def test_make_boot_does_not_turn_the_shells_status_into_a_make_error():
    import shutil
    if not shutil.which("make") or not (ROOT / ".venv" / "bin" / "minos").exists():
        import pytest
        pytest.skip("needs make and the project's .venv (make venv)")
    done = subprocess.run(["make", "-s", "boot"], input=b"false\n", capture_output=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    assert b"Error" not in done.stderr
    assert boot("false\n").returncode == 1          # minos boot itself keeps the status
