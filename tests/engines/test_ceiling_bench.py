"""bench/ceiling.py: the instruction mix it weighs is exact, its table
says what it measured, and a workload it does not know is named."""

import pytest

from bench.ceiling import FORMS, instruction_mix, main, report
from bench.workloads import build


def test_mix_counts_every_instruction_by_kind():
    # alu.s: 3 li; 10 x (11 ALU operations and the loop's blt); li and sw to power off
    mix, result = instruction_mix(build("alu", n=10))
    assert result.reason == "halt"
    assert mix == {"li": 4, "alu": 110, "branch": 10, "store": 1}
    assert sum(mix.values()) == result.instructions


def test_report_names_the_forms_and_ratios():
    cheapest = {kind: 1e-8 if forms[0] else 0.0 for kind, forms in FORMS.items()}
    usual = {kind: 4e-8 if forms[1] else 0.0 for kind, forms in FORMS.items()}
    row = dict(name="w", instructions=1000, mix={"alu": 500, "load": 250, "branch": 250},
               ref=2.0, fast=10.0, usual=20.0, ceiling=80.0)
    text = report((cheapest, usual), [row])
    assert "cheapest alu 10, div 10, load 10" in text
    assert "| w | 1,000 | 50% / 25% / 0% / 25% | 2.00 | 10.00 | 20.0 | 80.0 | 40x | 12% |" in text
    assert "Median fast / ref (translated) 5.0x; usual forms / ref 10.0x; ceiling / ref 40.0x." in text


def test_unknown_workload_is_named(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["nosuch"])
    assert stop.value.code == 2
    assert "not a compiled-C workload: nosuch" in capsys.readouterr().err
