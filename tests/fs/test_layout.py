"""lang/fs/layout.py reads constants and struct layouts from a C header."""

import pytest

from lang.fs.layout import Header, LayoutError


def header(tmp_path, text, name="h.h"):
    path = tmp_path / name
    path.write_text(text)
    return Header(str(path))


def test_defines_structs_and_includes(tmp_path):
    (tmp_path / "inc.h").write_text("#define BASE 8\n#define PTR ((void *)0)\n")
    h = header(tmp_path, """
        #include "inc.h"
        #ifndef GUARD
        #define GUARD
        #define A      (BASE * 4 + 2)   // comment
        #define B      (A / 3 - 1)      /* C division */
        #define SHIFT  (1 << 4)
        #define F(x)   ((x) + 1)
        struct s {
          uint n;
          char name[A - 30];
          unsigned int list[2];
        };
        #define SZ     (64 / sizeof(struct s))
        #endif
        """)
    assert (h.const("A"), h.const("B"), h.const("SHIFT")) == (34, 10, 16)
    s = h.struct("s")
    assert [(f.name, f.offset) for f in s.fields] == [("n", 0), ("name", 4), ("list", 8)]
    assert s.size == 16 and h.const("SZ") == 4
    data = s.pack({"n": 7, "name": b"abcdef", "list": [1]})
    assert s.unpack(data) == {"n": 7, "name": b"abcd", "list": [1, 0]}   # name cut to 4


def test_errors_name_the_problem(tmp_path):
    h = header(tmp_path, "#define A (B + 1)\n#define PTR ((void *)0)\n")
    with pytest.raises(LayoutError, match="#define A: unknown name 'B'"):
        h.const("A")
    with pytest.raises(LayoutError, match="no #define C"):
        h.const("C")
    with pytest.raises(LayoutError, match="no struct t"):
        h.struct("t")
    with pytest.raises(LayoutError, match="cannot parse field 'double x'"):
        header(tmp_path, "struct u { double x; };", "u.h")
    with pytest.raises(LayoutError, match="No such file"):
        header(tmp_path, '#include "missing.h"\n', "v.h")
