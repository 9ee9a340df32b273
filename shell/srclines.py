"""How many lines of C a kernel holds, counted the way docs/micro.md
states issue 15's goal for kernel/micro (<= 1,500 lines, core excluded):
every line of its .c and .h files that is left once the comments are
taken out and that is not blank. A line with code and a comment counts
once; a comment's lines count for nothing, wherever they are; `//` or
`/*` inside a string or a character literal is not a comment.

    python -m shell.srclines [DIR]                    the table (kernel/micro)
    python -m shell.srclines --update docs/micro.md   rewrite the doc's table

tests/micro/test_micro_size.py asserts the goal with the same function,
and that the doc's table is what this prints.
"""

import argparse
import sys
from pathlib import Path

from lang.cpp.source import blank_comments
from vm.errors import MinosError

from . import build as build_mod
from .perf import docgen

MICRO = Path("kernel") / "micro"
GOAL = 1500                     # issue 15: "a first goal of <= 1,500 lines of C"
COMMAND = "python -m shell.srclines --update docs/micro.md"


class SrcLinesError(MinosError):
    pass


def strip_comments(text):
    """text with every comment blanked (a block comment keeps its
    newlines, so that line numbers stay): the preprocessor's phase 3."""
    return blank_comments(text)


def code_lines(text):
    """The lines of C in text: not blank once the comments are gone."""
    return sum(1 for line in strip_comments(text).splitlines() if line.strip())


def tree_lines(directory):
    """{file name: lines of C} for the .c and .h files of directory."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SrcLinesError(f"{directory}: not a directory")
    files = sorted(p for p in directory.iterdir() if p.suffix in (".c", ".h"))
    if not files:
        raise SrcLinesError(f"{directory}: no .c or .h files")
    return {p.name: code_lines(p.read_text()) for p in files}


def table(counts):
    """The Markdown table of counts, with the total."""
    rows = ["| file | lines of C |", "| --- | ---: |"]
    rows += [f"| `{name}` | {n:,} |" for name, n in counts.items()]
    rows.append(f"| **total** | **{sum(counts.values()):,}** |")
    return "\n".join(rows)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m shell.srclines", description=__doc__.split("\n\n")[0])
    p.add_argument("dir", nargs="?", default=str(build_mod.ROOT / MICRO),
                   help="the directory of .c and .h files (default kernel/micro)")
    p.add_argument("--update", metavar="FILE", help="replace the generated table in FILE (docs/micro.md)")
    args = p.parse_args(argv)
    try:
        text = table(tree_lines(args.dir))
        if args.update:
            docgen.update(args.update, COMMAND, text)
        else:
            print(text)
    except (MinosError, OSError) as e:
        print(f"srclines: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
