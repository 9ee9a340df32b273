"""Tab completion from inside the running OS, for the interactive console.

The host does not guess from its build tree: it reads the machine's live
disk (the file the disk device writes through to; the kernel's log
installs every finished file-system operation there) with lang/fs's
reader, so a file created inside the OS completes a moment later and a
deleted one no longer does. Relative paths are taken from the current
folder the OS shell shows in its prompt (`/usr$ `).

    completions(fs, cwd, line) -> [(replacement, start)]   # pure, tested
    OsCompleter(disk_path, prompt)                         # prompt_toolkit's side
"""

import posixpath
import re

from lang.fs import layout as L
from lang.fs.image import FsError, FsImage

BUILTINS = ("cd", "exit", "jobs", "wait")          # userland/sh.c, is_builtin
COMMAND_START = re.compile(r"(^|[|;&]\s*|&&\s*|\|\|\s*)$")


def cwd_of(prompt):
    """The shell's current folder from its prompt ("/bin$ " -> "/bin")."""
    if prompt.endswith("$ ") and prompt.startswith("/"):
        return prompt[:-2]
    return "/"


def entries(fs, folder):
    """[(name, is_dir)] of a folder of the image; [] if it is not one."""
    try:
        ino = fs.inode(fs.lookup(folder))
        if ino["type"] != L.T_DIR:
            return []
        return sorted((name, fs.inode(inum)["type"] == L.T_DIR)
                      for inum, name in fs.dir_entries(ino) if name not in (".", ".."))
    except (FsError, KeyError, ValueError, IndexError):
        return []


def completions(fs, cwd, line):
    """What may replace the last word of line: [(text, start)], start being
    the offset of that word in line."""
    word = re.search(r"[^\s|;&<>]*$", line).group(0)
    start = len(line) - len(word)
    if "/" not in word and COMMAND_START.search(line[:start]):
        names = [n for n, is_dir in entries(fs, "/bin") if not is_dir] + list(BUILTINS)
        return [(n, start) for n in sorted(set(names)) if n.startswith(word)]
    head, base = word.rsplit("/", 1) if "/" in word else ("", word)
    prefix = head + "/" if "/" in word else ""
    folder = posixpath.normpath(posixpath.join(cwd, head or ("/" if word.startswith("/") else ".")))
    return [(prefix + name + ("/" if is_dir else ""), start)
            for name, is_dir in entries(fs, folder) if name.startswith(base)]


def live_image(disk_path):
    """The file system on the machine's disk as it is now, or None."""
    try:
        with open(disk_path, "rb") as f:
            return FsImage(f.read())
    except (OSError, FsError):
        return None


def os_completer(disk_path, prompt):
    """A prompt_toolkit completer: disk_path() and prompt() give the disk
    file and the OS's current prompt when Tab is pressed."""
    from prompt_toolkit.completion import Completer, Completion

    class OsCompleter(Completer):
        def get_completions(self, document, complete_event):
            path = disk_path()
            fs = live_image(path) if path else None
            if fs is None:
                return
            line = document.text_before_cursor
            for text, start in completions(fs, cwd_of(prompt()), line):
                yield Completion(text, start_position=start - len(line))
    return OsCompleter()
