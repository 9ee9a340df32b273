"""`minos dap` driven by a real DAP client: VS Code's own test-support
library (@vscode/debugadapter-testsupport, pinned in tests/dap/package.json
and package-lock.json) runs tests/dap/dap_client.js against the adapter:
a breakpoint in sys_write, stepping from a user program into the kernel and
back, variables, steps back and reverse-continue, memory and disassembly.

It needs node and the package installed (`npm ci` in tests/dap); without
them it is skipped, saying which is missing."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MINOS = Path(sys.executable).parent / "minos"
PACKAGE = HERE / "node_modules" / "@vscode" / "debugadapter-testsupport"


def test_a_real_dap_client_debugs_the_kernel_and_a_user_program(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the DAP client test needs it (CI with node runs it)")
    if not PACKAGE.is_dir():
        pytest.skip("@vscode/debugadapter-testsupport is not installed: run `npm ci` in "
                    "tests/dap (package.json, package-lock.json)")
    transcript = tmp_path / "transcript.txt"
    done = subprocess.run([node, str(HERE / "dap_client.js"), str(MINOS), str(ROOT),
                           str(transcript)], capture_output=True, text=True, timeout=900)
    log = transcript.read_text() if transcript.exists() else ""
    assert done.returncode == 0 and "DAP CLIENT OK" in done.stdout, (
        f"{done.stdout}\n{done.stderr}\n--- the session ---\n{log[-4000:]}")
    assert "-> stepBack" in log and "-> reverseContinue" in log and "<- disconnect" in log
