"""The bare runtime on the machine.

crt0.s is tested with hand-written assembly (it needs only the assembler,
linker and machine). The C part is compiled by our own compiler with
`--bare` and run: printf formats (compared with the host C library's
output when gcc is there), string functions, malloc stress, qsort,
strtol, rand, assert failure, getchar. Tests that need the compiler skip
with a reason while it is missing.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.lang.test_runtime_cases import (
    ASSERT_OUTPUT_LINES, ASSERT_PROGRAM, BAD_FREE_PROGRAM, NDEBUG_PROGRAM, STRING_PROGRAM,
    expected_rand_lines, printf_program)

RUNTIME = Path(__file__).resolve().parents[2] / "lang" / "runtime"
MAX_INSTRUCTIONS = 50_000_000

# main() and exit() in assembly: crt0.s alone, without any C.
ASM_MAIN = """
        .text
        .global main
        .global exit
main:
        la      t0, sp_seen
        sw      sp, 0(t0)
        la      t0, a0_seen
        sw      a0, 0(t0)
        li      a0, 42
        ret
exit:
        li      t0, 0xF0002000
        sw      a0, 0(t0)
.Lhang: jmp     .Lhang
        .data
        .global __ram_size
__ram_size: .word 0
sp_seen:    .word 1
a0_seen:    .word 1
"""


def run_image(image, cores=1, mem_mib=16, console_in=b""):
    from vm.machine import Machine
    m = Machine(cores=cores, mem_mib=mem_mib, console_in=console_in)
    try:
        m.load_image(image)
        result = m.run(max_instructions=MAX_INSTRUCTIONS)
    finally:
        m.close()
    assert result.reason == "halt", f"machine stopped ({result.reason}): {result.message}"
    return m, bytes(m.console_output).decode("latin-1"), result.exit_code & 0xFF


@pytest.mark.parametrize("cores", [1, 3])
def test_crt0_sets_up_stack_and_passes_main_result_to_exit(cores):
    pytest.importorskip("lang.asm")
    pytest.importorskip("vm.machine")
    from lang.asm import assemble
    from lang.link import link
    crt0 = assemble((RUNTIME / "crt0.s").read_text(), "crt0.s")
    image, debug = link([crt0, assemble(ASM_MAIN, "main.s")])
    m, out, status = run_image(image, cores=cores, mem_mib=1)
    assert status == 42                         # the other cores parked in wfi
    addr = {s["name"]: s["addr"] for s in debug["symbols"]}

    def word(name):
        return int.from_bytes(m.memory.read(addr[name], 4), "little")
    assert word("__ram_size") == 1 << 20
    assert word("sp_seen") == 1 << 20           # top of RAM, 16-byte aligned
    assert word("a0_seen") == 0                 # argc


# --- C programs through our compiler -------------------------------------------------
def _missing_compiler():
    import importlib
    for name in ("lang.cc.driver", "lang.cc.frontend", "lang.cc.codegen", "lang.asm",
                 "lang.link", "vm.machine"):
        try:
            importlib.import_module(name)
        except ImportError as e:
            return f"{name} is not available yet ({e})"
    return None


@pytest.fixture
def cc(tmp_path):
    reason = _missing_compiler()
    if reason:
        pytest.skip(reason)
    from lang.cc.driver import Driver, Options
    from vm.image import Image

    def build_and_run(source, name="prog", console_in=b"", opt=1):
        src = tmp_path / f"{name}.c"
        src.write_text(source)
        img = tmp_path / f"{name}.img"
        Driver(Options(opt=opt, bare=True)).link([str(src)], str(img))
        _, out, status = run_image(Image.load(str(img)), console_in=console_in)
        return out, status, str(src)
    return build_and_run


@pytest.mark.parametrize("opt", [0, 1])
def test_strings_numbers_sort_rand_malloc(cc, opt):
    out, status, _ = cc(STRING_PROGRAM, opt=opt)
    lines = out.splitlines()
    assert [l for l in lines if l.startswith("FAIL")] == []
    assert [l for l in lines if l.startswith("rand")] == expected_rand_lines()
    assert lines[-1] == "done: 0 failures"
    assert status == 0


@pytest.mark.parametrize("opt", [0, 1])
def test_printf_formats(cc, tmp_path, opt):
    source = printf_program()
    out, status, _ = cc(source, opt=opt)
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc is not installed: no reference output")
    ref = tmp_path / "ref.c"
    ref.write_text(source)
    subprocess.run([gcc, "-w", "-o", str(tmp_path / "ref"), str(ref)], check=True)
    expected = subprocess.run([str(tmp_path / "ref")], capture_output=True, text=True).stdout
    assert out.splitlines() == expected.splitlines()
    assert status == 0


def test_hello_and_exit_status(cc):
    out, status, _ = cc('#include <stdio.h>\n#include <stdlib.h>\n'
                        'int main(void) { puts("hello"); putchar(\'!\'); exit(7); return 1; }\n')
    assert out == "hello\n!"
    assert status == 7


def test_assert_failure(cc):
    out, status, path = cc(ASSERT_PROGRAM, "assert")
    assert out.splitlines() == [l.format(file=path) for l in ASSERT_OUTPUT_LINES]
    assert status == 134


def test_ndebug(cc):
    out, status, _ = cc(NDEBUG_PROGRAM)
    assert (out, status) == ("assertions off\n", 5)


def test_double_free_aborts(cc):
    out, status, _ = cc(BAD_FREE_PROGRAM)
    lines = out.splitlines()
    assert lines[0] == "freed once" and "already freed" in lines[1] and lines[2] == "abort"
    assert status == 134


def test_getchar_reads_console_input_then_eof(cc):
    # Input reaches the console between scheduling rounds, so the program
    # first polls until the first byte is there, then reads until EOF.
    source = ('#include <stdio.h>\n'
              'int main(void) { int c, n = 0, tries = 0;\n'
              '  while ((c = getchar()) == EOF && tries < 100000) tries++;\n'
              '  while (c != EOF) { putchar(c + 1); n++; c = getchar(); }\n'
              '  return n; }\n')
    out, status, _ = cc(source, console_in=b"HAL")
    assert (out, status) == ("IBM", 3)


def test_heap_is_bounded_and_reusable(cc):
    # With 16 MiB of RAM the heap is [end of the image, 14 MiB): thirteen
    # 1 MiB blocks fit (each also needs its header), then malloc gives NULL;
    # after freeing them all, the same thirteen fit again.
    source = ('#include <stdio.h>\n#include <stdlib.h>\n'
              'int main(void) { char *p[20]; int n = 0, m = 0, i;\n'
              '  while (n < 20 && (p[n] = malloc(1 << 20)) != NULL) { p[n][0] = 1; n++; }\n'
              '  for (i = 0; i < n; i++) free(p[i]);\n'
              '  while (m < 20 && (p[m] = malloc(1 << 20)) != NULL) m++;\n'
              '  printf("%d %d\\n", n, m); return 0; }\n')
    out, status, _ = cc(source)
    assert (out, status) == ("13 13\n", 0)


HEADERS_PROGRAM = r"""
#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <hw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { char c; int i; short s; };

static int sum(int n, ...)
{
    va_list ap;
    int total = 0;
    va_start(ap, n);
    while (n-- > 0)
        total += va_arg(ap, int);
    va_end(ap);
    return total;
}

int main(void)
{
    bool ok = true;
    uint8_t u8 = 255;
    int16_t i16 = -1;
    uintptr_t addr = (uintptr_t)&ok;
    REG(CONSOLE_BASE, CONSOLE_TX) = 'M';
    printf("%u %u %u\n", (unsigned)offsetof(struct rec, i), (unsigned)offsetof(struct rec, s),
           (unsigned)sizeof(struct rec));
    printf("%d %d %d %u %d\n", ok, u8 + 1, i16, UINT32_MAX, INT_MIN);
    printf("%d %d %d\n", sum(3, 1, 2, 3), CHAR_MAX, (int)sizeof(ptrdiff_t));
    return addr == 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
"""


def test_every_header_compiles_and_means_what_it_says(cc):
    out, status, _ = cc(HEADERS_PROGRAM)
    assert out == "M4 8 12\n1 256 -1 4294967295 -2147483648\n6 127 4\n"
    assert status == 0
