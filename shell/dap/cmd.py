"""`minos dap`: serve the Debug Adapter Protocol on standard input and output."""

import sys


def register(sub):
    p = sub.add_parser("dap", help="debug through the Debug Adapter Protocol (VS Code, nvim-dap)",
                       description="Speak the Debug Adapter Protocol on standard input and "
                                   "output, for an editor's debugger: VS Code with "
                                   "editors/vscode, nvim-dap, Emacs dape (docs/debugger.md). "
                                   "The launch request says what to boot.")
    p.set_defaults(func=run)


def run(args):
    from .adapter import Adapter
    return Adapter(sys.stdin.buffer, sys.stdout.buffer).serve()
