"""The portable part of the runtime, tested on the host: compiled by gcc in
32-bit mode (so int, long and pointers are 4 bytes, as on the machine) with
no C library at all. A small shim stands in for the machine-specific files
(console.c, exit.c, heap.c, crt0.s) using Linux system calls.

Skipped when gcc cannot build 32-bit programs. printf results are compared
with the host C library's printf on the same formats.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.lang.test_runtime_cases import (
    ASSERT_OUTPUT_LINES, ASSERT_PROGRAM, BAD_FREE_PROGRAM, NDEBUG_PROGRAM, STRING_PROGRAM,
    expected_rand_lines, printf_program)

RUNTIME = Path(__file__).resolve().parents[2] / "lang" / "runtime"
MACHINE_SPECIFIC = {"console.c", "exit.c", "heap.c"}
GCC = shutil.which("gcc")

STDARG = """\
#ifndef _HOST_STDARG_H
#define _HOST_STDARG_H
typedef __builtin_va_list va_list;
#define va_start(v, l) __builtin_va_start(v, l)
#define va_arg(v, T) __builtin_va_arg(v, T)
#define va_end(v) __builtin_va_end(v)
#define va_copy(d, s) __builtin_va_copy(d, s)
#endif
"""

# i386 Linux system calls in place of the machine's devices.
SHIM = r"""
#include <stddef.h>
static int sys3(int n, int a, int b, int c)
{
    int r;
    __asm__ volatile ("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}
int putchar(int c) { unsigned char ch = (unsigned char)c; sys3(4, 1, (int)&ch, 1); return ch; }
int getchar(void) { unsigned char ch; return sys3(3, 0, (int)&ch, 1) == 1 ? ch : -1; }
void exit(int status) { for (;;) sys3(1, status, 0, 0); }
static char heap[1 << 22];
static size_t used;
void *__morecore(size_t n)
{
    void *p;
    if (n > sizeof(heap) - used)
        return NULL;
    p = heap + used;
    used += n;
    return p;
}
int main(void);
void start_c(void) { exit(main()); }
__asm__(".globl _start\n_start:\n andl $-16, %esp\n call start_c\n");
"""

CFLAGS = ["-m32", "-std=c99", "-O1", "-static", "-nostdlib", "-nostdinc", "-fno-builtin",
          "-fno-pie", "-no-pie", "-fno-stack-protector", "-Wall", "-Werror",
          "-Wno-unused-function"]


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    if GCC is None:
        pytest.skip("gcc is not installed")
    work = tmp_path_factory.mktemp("rt")
    (work / "stdarg.h").write_text(STDARG)
    (work / "shim.c").write_text(SHIM)
    (work / "probe.c").write_text("int main(void) { return 0; }\n")
    probe = subprocess.run([GCC, *CFLAGS, "-o", str(work / "probe"), str(work / "shim.c"),
                            str(work / "probe.c"), "-I", str(RUNTIME / "include")],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"gcc cannot build 32-bit static programs here: {probe.stderr[:200]}")
    # The portable runtime, compiled once for every test program.
    sources = [str(p) for p in sorted(RUNTIME.glob("*.c")) if p.name not in MACHINE_SPECIFIC]
    objs = work / "obj"
    objs.mkdir()
    cc = subprocess.run([GCC, *CFLAGS, "-c", "-I", str(work), "-I", str(RUNTIME / "include"),
                         *sources], capture_output=True, text=True, cwd=objs)
    assert cc.returncode == 0, cc.stderr
    return work


def build_and_run(work, name, source):
    src = work / f"{name}.c"
    src.write_text(source)
    runtime = [str(p) for p in sorted((work / "obj").glob("*.o"))]
    exe = work / name
    cc = subprocess.run([GCC, *CFLAGS, "-I", str(work), "-I", str(RUNTIME / "include"),
                         "-o", str(exe), str(work / "shim.c"), str(src), *runtime],
                        capture_output=True, text=True)
    assert cc.returncode == 0, cc.stderr
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=30)
    return run.stdout, run.returncode


def test_runtime_sources_are_clean_c99_for_a_32_bit_target():
    if GCC is None:
        pytest.skip("gcc is not installed")
    # Syntax and types only: this needs no 32-bit libraries.
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        Path(d, "stdarg.h").write_text(STDARG)
        r = subprocess.run([GCC, "-m32", "-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror",
                            "-fsyntax-only", "-nostdinc", "-fno-builtin", "-I", d,
                            "-I", str(RUNTIME / "include"),
                            *[str(p) for p in sorted(RUNTIME.glob("*.c"))]],
                           capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_string_ctype_number_sort_rand_malloc(host):
    out, status = build_and_run(host, "strings", STRING_PROGRAM)
    lines = out.splitlines()
    assert [l for l in lines if l.startswith("FAIL")] == []
    assert [l for l in lines if l.startswith("rand")] == expected_rand_lines()
    assert lines[-1] == "done: 0 failures"
    assert status == 0


def test_printf_matches_the_host_c_library(host):
    source = printf_program()
    ours, status = build_and_run(host, "printf", source)
    ref_src = host / "printf_ref.c"
    ref_src.write_text(source)
    ref = subprocess.run([GCC, "-w", "-o", str(host / "printf_ref"), str(ref_src)],
                         capture_output=True, text=True)
    if ref.returncode != 0:
        pytest.skip(f"no host C library to compare with: {ref.stderr[:200]}")
    expected = subprocess.run([str(host / "printf_ref")], capture_output=True, text=True).stdout
    assert ours.splitlines() == expected.splitlines()
    assert status == 0


def test_assert_failure_message_and_status(host):
    out, status = build_and_run(host, "assert", ASSERT_PROGRAM)
    expected = [l.format(file=str(host / "assert.c")) for l in ASSERT_OUTPUT_LINES]
    assert out.splitlines() == expected
    assert status == 134


def test_ndebug_disables_assert(host):
    out, status = build_and_run(host, "ndebug", NDEBUG_PROGRAM)
    assert out == "assertions off\n"
    assert status == 5


def test_double_free_is_caught(host):
    out, status = build_and_run(host, "badfree", BAD_FREE_PROGRAM)
    lines = out.splitlines()
    assert lines[0] == "freed once"
    assert lines[1].startswith("free: 0x") and "already freed" in lines[1]
    assert lines[2] == "abort"
    assert status == 134
