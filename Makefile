# Quick start: `make boot` and `make test`. Each sets up .venv on first use.
PY ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: test boot venv clean bench docs

# editable_mode=compat: the install is one .pth line naming this folder. The
# default (a meta-path finder) imports pathlib, re and urllib at every Python
# start, about 10 ms of every `minos` command (docs/engines.md, "Start-up").
$(STAMP): pyproject.toml Makefile
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(VENV)/bin/pip install -q -e ".[test]" --config-settings editable_mode=compat
	touch $(STAMP)

venv: $(STAMP)

test: $(STAMP) tests/dap/node_modules
	$(VENV)/bin/python -m pytest -n auto -q

# VS Code's DAP test client for tests/dap/test_dap_client.py (skipped without it):
# installed from the lock file when npm is there; without npm (or offline) nothing.
tests/dap/node_modules: tests/dap/package-lock.json
	-command -v npm >/dev/null && cd tests/dap && npm ci --no-audit --no-fund --silent

# The OS shell's last status is not minos failing: make stays quiet about it.
boot: $(STAMP)
	$(VENV)/bin/minos boot --exit-zero

bench: $(STAMP)
	$(VENV)/bin/python bench/mips.py

docs: $(STAMP)
	$(VENV)/bin/python -m vm.isadoc > docs/isa.md
	$(VENV)/bin/python -m vm.headergen > lang/runtime/include/hw.h

clean:
	rm -rf build
