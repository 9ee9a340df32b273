"""The driver and `minos cc`: output kinds, the build cache, options, errors."""

import json
import os

import pytest

from lang.cc.driver import Driver, Options
from lang.obj import ObjectFile
from shell.cli import main as minos
from vm.image import Image
from vm.machine import Machine

HELLO = '#include <stdio.h>\nint main(void) { printf("hi %d\\n", VALUE); return VALUE; }\n'


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MINOS_CACHE", str(tmp_path / "cache"))


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return str(p)


def run_image(path):
    m = Machine(cores=1)
    m.load_image(Image.load(str(path)))
    r = m.run(max_instructions=2_000_000)
    assert r.reason == "halt"
    return r.exit_code, m.console_output.decode()


def test_cc_bare_program_runs(tmp_path, capsys):
    src = write(tmp_path, "hello.c", HELLO)
    out = tmp_path / "hello.img"
    assert minos(["cc", "--bare", "-DVALUE=5", src, "-o", str(out)]) == 0
    assert run_image(out) == (5, "hi 5\n")
    dbg = json.loads((tmp_path / "hello.img.dbg").read_text())
    assert any(e.get("kind") == "function" and e["name"] == "main" for e in dbg["debug"])


def test_second_build_uses_the_cache(tmp_path):
    src = write(tmp_path, "a.c", HELLO.replace("VALUE", "3"))
    d1 = Driver(Options(bare=True))
    d1.link([src], str(tmp_path / "a.img"))
    assert src in d1.stats.compiled
    d2 = Driver(Options(bare=True))
    d2.link([src], str(tmp_path / "a.img"))
    assert d2.stats.compiled == []            # nothing recompiled, runtime included
    assert src in d2.stats.cached
    # An edit recompiles only that file; other options are separate entries.
    write(tmp_path, "a.c", HELLO.replace("VALUE", "4"))
    d3 = Driver(Options(bare=True))
    d3.link([src], str(tmp_path / "a.img"))
    assert d3.stats.compiled == [src]
    assert run_image(tmp_path / "a.img") == (4, "hi 4\n")
    d4 = Driver(Options(bare=True, opt=0))
    d4.object_for(src)
    assert d4.stats.compiled == [src]


def test_header_change_invalidates_the_cache(tmp_path):
    write(tmp_path, "v.h", "#define VALUE 1\n")
    src = write(tmp_path, "b.c", '#include "v.h"\nint main(void) { return VALUE; }\n')
    Driver(Options()).object_for(src)
    write(tmp_path, "v.h", "#define VALUE 2\n")
    d = Driver(Options())
    d.object_for(src)
    assert d.stats.compiled == [src]


def test_S_c_and_E_outputs(tmp_path, capsys):
    src = write(tmp_path, "m.c", "#define TWICE(x) ((x) * 2)\nint f(int a) { return TWICE(a); }\n")
    s_out = tmp_path / "m.s"
    assert minos(["cc", "-S", src, "-o", str(s_out)]) == 0
    text = s_out.read_text()
    assert "f:" in text and ".global f" in text
    o_out = tmp_path / "m.o"
    assert minos(["cc", "-c", "-O0", "-g0", src, "-o", str(o_out)]) == 0
    obj = ObjectFile.load(str(o_out))
    assert any(s.name == "f" and s.is_global for s in obj.symbols)
    assert obj.debug == []
    assert minos(["cc", "-E", src]) == 0
    pre = capsys.readouterr().out
    assert "return ((a) * 2);" in pre and "#define" not in pre


def test_link_objects_and_assembly(tmp_path):
    lib = write(tmp_path, "lib.c", "int triple(int x) { return 3 * x; }\n")
    main = write(tmp_path, "main.c", "int triple(int);\nint seven(void);\n"
                                     "int main(void) { return triple(7) + seven(); }\n")
    asm = write(tmp_path, "seven.s", ".text\n.global seven\nseven:\n li a0, 7\n ret\n")
    lib_o = tmp_path / "lib.o"
    assert minos(["cc", "-c", lib, "-o", str(lib_o)]) == 0
    out = tmp_path / "p.img"
    assert minos(["cc", "--bare", main, str(lib_o), asm, "-o", str(out)]) == 0
    assert run_image(out)[0] == 28


def test_S_files_are_preprocessed_then_assembled(tmp_path, capsys):
    # A .S file takes a C header's #defines; the header hides its C from
    # the assembler with __ASSEMBLER__; lines and errors are the .S file's.
    (tmp_path / "nums.h").write_text("#define ANSWER 42\n#ifndef __ASSEMBLER__\n"
                                     "struct pair { int a, b; };\n#endif\n")
    src = write(tmp_path, "answer.S", '// answer: a function in preprocessed assembly\n'
                                      '#include "nums.h"\n'
                                      '        .text\n        .global answer\nanswer:\n'
                                      '        li   a0, ANSWER     /* from nums.h */\n'
                                      '        ret\n')
    main = write(tmp_path, "main.c", "int answer(void);\nint main(void) { return answer(); }\n")
    out = tmp_path / "a.img"
    assert minos(["cc", "--bare", main, src, "-o", str(out)]) == 0
    assert run_image(out)[0] == 42
    obj = Driver(Options()).object_for(src)
    assert [line[3] for line in obj.lines] == [6, 7] and obj.lines[0][2] == src
    assert minos(["cc", "-E", src]) == 0
    assert "li   a0, 42" in capsys.readouterr().out
    bad = write(tmp_path, "bad.S", '#include "nums.h"\n\n        frob a0, ANSWER\n')
    assert minos(["cc", "-c", bad, "-o", str(tmp_path / "bad.o")]) == 1
    assert "bad.S:3: unknown instruction 'frob'" in capsys.readouterr().err


def test_include_dirs(tmp_path):
    inc = tmp_path / "inc"
    inc.mkdir()
    (inc / "cfg.h").write_text("#define ANSWER 42\n")
    src = write(tmp_path, "i.c", "#include <cfg.h>\nint main(void) { return ANSWER; }\n")
    out = tmp_path / "i.img"
    assert minos(["cc", "--bare", "-I", str(inc), src, "-o", str(out)]) == 0
    assert run_image(out)[0] == 42


def test_compile_error_is_one_clear_message(tmp_path, capsys):
    src = write(tmp_path, "bad.c", "int main(void) {\n    return x;\n}\n")
    assert minos(["cc", src, "-o", str(tmp_path / "bad.img")]) == 1
    err = capsys.readouterr().err
    assert "bad.c:2:12: error: undeclared identifier 'x'" in err
    assert "Traceback" not in err


def test_driver_errors(tmp_path, capsys):
    assert minos(["cc", str(tmp_path / "missing.c")]) == 1
    assert "missing.c: no such file" in capsys.readouterr().err
    other = write(tmp_path, "x.txt", "hello")
    assert minos(["cc", "-c", other]) == 1
    assert "unknown file kind" in capsys.readouterr().err
    src = write(tmp_path, "ok.c", "int main(void) { return 0; }\n")
    assert minos(["cc", "-D", "1BAD", src]) == 1
    assert "not a macro name" in capsys.readouterr().err
    bad_asm = write(tmp_path, "bad.s", "frobnicate a0\n")
    assert minos(["cc", "-c", bad_asm, "-o", str(tmp_path / "bad.o")]) == 1
    assert "frobnicate" in capsys.readouterr().err


def test_bad_inline_asm_is_reported_at_the_c_line(tmp_path, capsys):
    src = write(tmp_path, "asm.c", 'int main(void) {\n    asm volatile ("frob %0" : : "r"(1));\n'
                                   '    return 0;\n}\n')
    assert minos(["cc", "-c", src, "-o", str(tmp_path / "asm.o")]) == 1
    err = capsys.readouterr().err
    assert "asm.c:2: error: in inline assembly: unknown instruction 'frob'" in err


def test_verbose_names_compiled_and_cached_files(tmp_path, capsys):
    src = write(tmp_path, "v.c", "int main(void) { return 0; }\n")
    out = str(tmp_path / "v.img")
    assert minos(["cc", "-v", "--bare", src, "-o", out]) == 0
    assert f"compiled {src}" in capsys.readouterr().err
    assert minos(["cc", "-v", "--bare", src, "-o", out]) == 0
    err = capsys.readouterr().err
    assert f"cached   {src}" in err and "\ncompiled " not in "\n" + err


def test_the_cache_is_pruned_least_recently_used_first(tmp_path):
    from lang.cc import cache
    folder = tmp_path / "cache"
    objects = []                                  # each source's object, in order
    for i in range(4):
        Driver(Options()).object_for(write(tmp_path, f"p{i}.c", f"int f{i}(void) {{ return {i}; }}\n"))
        objects += set(folder.glob("*.o")) - set(objects)
    for age, path in enumerate(objects):          # p0's is the oldest ...
        os.utime(path, (1000 + age, 1000 + age))
    Driver(Options()).object_for(str(tmp_path / "p0.c"))     # ... until a hit uses it
    size = sum(p.stat().st_size for p in objects)
    cache.prune(folder, limit=size)              # within the limit: nothing goes
    assert set(folder.glob("*.o")) == set(objects)
    cache.prune(folder, limit=size // 2)
    left = set(folder.glob("*.o"))
    assert objects[0] in left and objects[1] not in left
    assert sum(p.stat().st_size for p in left) <= size // 2 * 3 // 4
    d = Driver(Options())
    for i in range(4):                            # pruned objects are made again
        d.object_for(str(tmp_path / f"p{i}.c"))
    assert len(d.stats.compiled) == 4 - len(left)


UNDEFINED = """#include <stdio.h>
int frobnicate(int);
static int helper(int x) {
  return x + 1;
}
int main(void) {
  int y = helper(2);
  printf("%d\\n", y);
  return frobnicate(y);
}
"""


@pytest.mark.parametrize("cached", [False, True])
def test_an_undefined_symbol_names_the_c_file_function_and_line(tmp_path, capsys, monkeypatch,
                                                                 cached):
    write(tmp_path, "hello.c", UNDEFINED)
    monkeypatch.chdir(tmp_path)
    if cached:
        assert minos(["cc", "-c", "hello.c", "-o", "first.o"]) == 0
    assert minos(["cc", "--bare", "hello.c", "-o", "hello.img"]) == 1
    assert capsys.readouterr().err == (
        "minos cc: hello.c:9: in function 'main': undefined symbol 'frobnicate' "
        "(in the object compiled from hello.c)\n")
