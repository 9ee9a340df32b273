"""Kernel costs in exact instructions: now `minos bench` (shell/perf/bench.py,
docs/measuring.md). This script stays as a thin wrapper for old habits:

    python bench/kernel.py [--kernel mono] [--cores 1]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shell.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["bench", *(sys.argv[1:] or ["--kernel", "mono"])]))
