#!/usr/bin/env python3
"""Produce (or check) the expected results of the C test corpus with the host gcc.

For every tests/lang/programs/NNN_topic.c this compiles the program with the
host gcc, runs it, and writes NNN_topic.expected (stdout, exactly) and
NNN_topic.exit (the exit status as a number). The corpus is written so that a
program prints the same on i386 and on x86_64, so gcc on either host is a
trustworthy oracle for our 32-bit target. -m32 is used when this host can
build and run 32-bit programs.

Programs whose first line is `// nogcc` depend on the minos target itself
(4-byte longs and pointers, our rand(), ...); their expected files are written
by hand and this script leaves them alone.

    python tests/lang/gcc_expected.py            # (re)write expected files
    python tests/lang/gcc_expected.py --check    # verify; exit 1 listing mismatches
    python tests/lang/gcc_expected.py 042_x.c    # only the named programs
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROGRAMS = Path(__file__).resolve().parent / "programs"
GCC_FLAGS = ["-std=gnu99", "-w", "-fwrapv", "-fno-builtin", "-O0"]
RUN_TIMEOUT = 10  # seconds; every corpus program finishes in milliseconds natively


def is_nogcc(src):
    with open(src, encoding="utf-8") as f:
        return f.readline().strip().startswith("// nogcc")


def corpus(names=()):
    """The gcc-comparable programs, sorted; `names` restricts the list."""
    progs = sorted(PROGRAMS.glob("[0-9][0-9][0-9]_*.c"))
    if names:
        wanted = {Path(n).name for n in names}
        progs = [p for p in progs if p.name in wanted]
    return [p for p in progs if not is_nogcc(p)]


def m32_works(workdir):
    """True if this host can compile and run a 32-bit hosted C program."""
    src = Path(workdir) / "probe.c"
    exe = Path(workdir) / "probe"
    src.write_text("#include <stdio.h>\nint main(void) { printf(\"%d\\n\", (int)sizeof(long)); return 0; }\n")
    try:
        subprocess.run(["gcc", "-m32", str(src), "-o", str(exe)],
                       check=True, capture_output=True)
        out = subprocess.run([str(exe)], check=True, capture_output=True, timeout=RUN_TIMEOUT)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
        return False
    return out.stdout == b"4\n"


def run_with_gcc(src, workdir, extra_flags):
    """Compile and run one program; return (stdout bytes, exit status)."""
    exe = Path(workdir) / src.stem
    cc = subprocess.run(["gcc", *GCC_FLAGS, *extra_flags,
                         str(src), "-o", str(exe)], capture_output=True, text=True)
    if cc.returncode != 0:
        raise RuntimeError(f"{src.name}: gcc failed:\n{cc.stderr}")
    try:
        run = subprocess.run([str(exe)], capture_output=True, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{src.name}: did not finish within {RUN_TIMEOUT}s")
    if run.returncode < 0:
        raise RuntimeError(f"{src.name}: killed by signal {-run.returncode}")
    return run.stdout, run.returncode


def expected_paths(src):
    return src.with_suffix(".expected"), src.with_suffix(".exit")


def read_expected(src):
    out_path, exit_path = expected_paths(src)
    if not out_path.exists() or not exit_path.exists():
        return None
    return out_path.read_bytes(), int(exit_path.read_text().strip())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="verify the existing expected files instead of writing them")
    parser.add_argument("programs", nargs="*", help="only these programs (file names)")
    args = parser.parse_args(argv)
    if shutil.which("gcc") is None:
        print("gcc_expected: no gcc on this host", file=sys.stderr)
        return 2
    problems = []
    with tempfile.TemporaryDirectory() as workdir:
        extra = ["-m32"] if m32_works(workdir) else []
        progs = corpus(args.programs)

        def attempt(src):
            try:
                return run_with_gcc(src, workdir, extra)
            except RuntimeError as e:
                return e
        # gcc runs in parallel; results are handled in corpus order.
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            results = list(pool.map(attempt, progs))
    for src, result in zip(progs, results):
        if isinstance(result, RuntimeError):
            problems.append(str(result))
        elif args.check:
            if read_expected(src) != result:
                problems.append(f"{src.name}: expected files differ from gcc's result")
        else:
            out, status = result
            out_path, exit_path = expected_paths(src)
            out_path.write_bytes(out)
            exit_path.write_text(f"{status}\n")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
