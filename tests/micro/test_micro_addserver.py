"""docs/micro.md's "Adding a server" is executable, and this test runs it.

The section's fenced blocks are its steps, in order: a block whose info
string is `LANG file=PATH` is a new file, whole; a `diff` block is a
patch that `git apply` takes. The tests copy the tree (`git ls-files`,
as it is in the working tree), apply the blocks there — a block that
does not apply is named, with git's reason — and (slow) build micro in
that copy with the copy's own build code (shell/build.py's SERVERS is
one of the steps), on this tree's object cache, boot it once with a
bound in instructions, run the section's `shout`, `svc` and `svc kill
upper`, and check what the section says a student sees. The main tree
itself has no upper server.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from lang.cc.cache import cache_dir
from shell.project import INSTALLED as ROOT

DOC = ROOT / "docs" / "micro.md"
SECTION = "## Adding a server"
BOUND = 40_000_000          # instructions for the whole run (it takes about 4.1 million)
SCRIPT = "shout hello world; svc; svc kill upper; shout again; svc"


class StepError(Exception):
    """A block of the section that cannot be applied: which one, and why."""


def section(text):
    """The text of the section SECTION of docs/micro.md, and the line it starts on."""
    start = text.find("\n" + SECTION + "\n")
    if start < 0:
        raise StepError(f"docs/micro.md has no section '{SECTION}'")
    end = text.find("\n## ", start + 1)
    body = text[start + 1:end if end > 0 else len(text)]
    return body, text.count("\n", 0, start + 1) + 1


def blocks(text):
    """[(kind, path or None, body, line)] of the section's steps: kind
    'file' (a new file at path) or 'diff' (a patch); line is the block's
    first line in docs/micro.md."""
    body, first = section(text)
    steps = []
    for m in re.finditer(r"^```(\S*)([^\n]*)\n(.*?)^```$", body, re.M | re.S):
        lang, info, code = m.group(1), m.group(2).strip(), m.group(3)
        line = first + body.count("\n", 0, m.start())
        if info.startswith("file="):
            steps.append(("file", info[len("file="):], code, line))
        elif lang == "diff":
            target = re.search(r"^\+\+\+ b/(\S+)", code, re.M)
            steps.append(("diff", target.group(1) if target else None, code, line))
    if not steps:
        raise StepError(f"docs/micro.md line {first}: '{SECTION}' has no steps (no file= or diff blocks)")
    return steps


def copy_tree(dest):
    """The tracked files of this tree, as they are now, into dest."""
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in names.decode().split("\0"):
        src = ROOT / name
        if name and src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def apply(steps, tree, first=1):
    """Each step into tree, in order (numbered from first); StepError
    naming the first that fails."""
    for n, (kind, path, code, line) in enumerate(steps, first):
        where = f"docs/micro.md line {line}, step block {n} ({kind} of {path})"
        if kind == "file":
            target = tree / path
            if target.exists():
                raise StepError(f"{where}: {path} exists already: a new file's block must not replace one")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code)
            continue
        if path is None:
            raise StepError(f"{where}: the diff names no file (no '+++ b/PATH' line)")
        r = subprocess.run(["git", "apply", "--whitespace=nowarn", "-"], cwd=tree, input=code.encode(),
                           capture_output=True)
        if r.returncode != 0:
            raise StepError(f"{where}: git apply refuses it (has {path} changed?): "
                            f"{r.stderr.decode().strip()}")


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A copy of the tree with the section's steps applied."""
    dest = tmp_path_factory.mktemp("addserver")
    copy_tree(dest)
    apply(blocks(DOC.read_text()), dest)
    return dest


def test_steps_apply(tree):
    """Every block applies to the tree as it is now, and adds the pieces
    the section promises."""
    assert (tree / "servers" / "upper.c").is_file()
    assert '"upper"' in (tree / "shell" / "build.py").read_text()
    assert "startupper" in (tree / "servers" / "rs" / "rs.c").read_text()
    assert "PROC_UPPER" in (tree / "servers" / "pm" / "pm.c").read_text()
    assert not (ROOT / "servers" / "upper.c").exists()    # the main tree has no upper server


def test_a_broken_step_is_named(tmp_path):
    """A patch that no longer fits its file fails with the block's line,
    its file and git's reason — not later, in the build."""
    text = DOC.read_text()
    steps = blocks(text)
    n, (kind, path, code, line) = next((i, s) for i, s in enumerate(steps, 1) if s[1] == "servers/rs/rs.c")
    (tmp_path / "servers" / "rs").mkdir(parents=True)
    (tmp_path / "servers" / "rs" / "rs.c").write_text("// rs.c, rewritten by someone\n")
    with pytest.raises(StepError) as e:
        apply([steps[n - 1]], tmp_path, n)
    assert f"docs/micro.md line {line}, step block {n} (diff of servers/rs/rs.c)" in str(e.value)
    assert "git apply refuses it" in str(e.value)
    with pytest.raises(StepError, match="has no section"):
        blocks(text.replace(SECTION, "## Another section"))


def test_the_trees_stub_test_still_passes(tree):
    """The section's change to tests/kernel/test_usys.py keeps that test
    true of the changed usys.S (upcase answers ENOSYS without a trap)."""
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        "tests/kernel/test_usys.py"], cwd=tree, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr


def services(text):
    """svc's table in text: [(name, state, restarts, last end)], in order."""
    return re.findall(r"^(\w+)\s+\d+\s+\d+\s+(\S+)\s+(\d+)\s+(\S+)$", text, re.M)


def run(tree):
    """The section's commands, run by `minos run` of the copy (its own
    shell/build.py builds it, on this tree's object cache), in one boot
    bounded by BOUND instructions: the console's output."""
    env = dict(os.environ, MINOS_CACHE=str(cache_dir()))
    r = subprocess.run([sys.executable, "-m", "shell.cli", "run", "--kernel", "micro",
                        "--max-instructions", str(BOUND), "-c", SCRIPT],
                       cwd=tree, env=env, capture_output=True, text=True, timeout=1800)
    both = r.stdout + r.stderr
    assert "did not finish within" not in r.stderr, f"the run exceeded {BOUND:,} instructions:\n{both}"
    assert r.returncode == 0, f"minos run failed ({r.returncode}):\n{both}"
    return r.stdout


@pytest.mark.slow
def test_the_added_server_runs(tree):
    """One build and one boot (a single test, so that workers of a
    parallel run do not each build): the server answers with the
    caller's badge, svc lists it, `svc kill upper` restarts it with its
    state gone, and the section's transcript is what the run prints."""
    out = run(tree)
    calls = re.findall(r"^(\w+) \(pid (\d+), upper saw pid (\d+), its request (\d+)\)$", out, re.M)
    assert [(word, req) for word, _, _, req in calls] == [("HELLO", "1"), ("WORLD", "2"), ("AGAIN", "1")], out
    assert all(pid == saw for _, pid, saw, _ in calls), out      # the badge is the caller's pid

    before, after = out.split("svc: upper killed")
    assert ("upper", "up", "0", "-") in services(before), out
    assert "micro: rs: upper restarted (1)" in after, out
    assert ("upper", "up", "1", "killed") in services(after), out
    assert [name for name, *_ in services(after)] == ["console", "disk", "fs", "pm", "upper"], out

    body, _ = section(DOC.read_text())
    command = f"$ minos run --kernel micro -c '{SCRIPT}'\n"
    assert command in body, f"'{SECTION}' no longer shows what `{command.strip()}` prints"
    shown = body.split(command, 1)[1].split("```", 1)[0]
    printed = out[out.index("HELLO"):]
    assert printed.strip() == shown.strip(), f"docs/micro.md shows:\n{shown}\nthe run printed:\n{printed}"
