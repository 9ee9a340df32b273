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
