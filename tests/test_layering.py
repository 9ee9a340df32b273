"""vm/ is the hardware: it imports only vm itself and the standard library
(no compiler, no kernel knowledge, no debugger). The debugger's engine lives
in shell/debugger/engine/ and reads the machine through vm's hooks."""

import ast
import sys
from pathlib import Path

VM = Path(__file__).resolve().parents[1] / "vm"


def imported_modules(path):
    """(line, top-level module) for every absolute import in a file;
    relative imports stay inside vm/ and are skipped."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.lineno, node.module.split(".")[0]


def test_vm_imports_only_vm_and_the_stdlib():
    files = sorted(VM.rglob("*.py"))
    assert files, f"no Python files under {VM}"
    bad = [f"{path.relative_to(VM.parent)}:{line}: imports {module}"
           for path in files
           for line, module in imported_modules(path)
           if module != "vm" and module not in sys.stdlib_module_names]
    assert not bad, "vm/ must import only vm and the stdlib:\n" + "\n".join(bad)


def test_the_debugger_engine_is_not_in_vm():
    assert not (VM / "debug").exists(), "the debugger's engine belongs in shell/debugger/engine/"
