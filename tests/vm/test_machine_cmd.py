"""`minos machine`: usage errors for impossible counts, and an exit status
for every way the machine can stop (shell/machine_cmd.py STATUS)."""

import pytest

from shell.cli import main
from shell.machine_cmd import STATUS
from helpers import assemble

# Write block 1 from address 0x10000 twice (BLOCK and ADDR are set once,
# the request is started and awaited in a loop), then power off with 5.
TWO_WRITES = """
    li s1, DISK
    li t0, 1
    sw t0, 0(s1)
    li t0, 0x10000
    sw t0, 4(s1)
    li s2, 2
request:
    li t0, 2
    sw t0, 8(s1)
busy:
    lw t0, 12(s1)
    addi t0, t0, -1
    beq t0, zero, busy
    sw zero, 12(s1)
    addi s2, s2, -1
    bne s2, zero, request
    li a0, 5
    sw a0, POWER(zero)
"""


@pytest.fixture
def writer(tmp_path):
    img = tmp_path / "w.img"
    assemble(TWO_WRITES).image.save(img)
    disk = tmp_path / "disk.img"
    disk.write_bytes(bytes(4 * 4096))
    return str(img), str(disk)


@pytest.mark.parametrize("option, value", [
    ("--max-instructions", "-5"), ("--max-instructions", "0"), ("--max-instructions", "x"),
    ("--power-cut-after-writes", "-1"), ("--power-cut-after-writes", "0"),
])
def test_impossible_counts_are_usage_errors(writer, capsys, option, value):
    with pytest.raises(SystemExit) as e:
        main(["machine", writer[0], option, value])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}:" in err and "Traceback" not in err


def test_power_cut_exits_non_zero_and_says_so(writer, capsys):
    img, disk = writer
    status = main(["machine", img, "--disk", disk, "--power-cut-after-writes", "1",
                   "--max-instructions", "1000000"])
    assert status == STATUS["powercut"] == 127
    assert capsys.readouterr().err == "minos machine: power cut after disk write 1\n"


def test_without_the_cut_the_program_powers_off_itself(writer):
    img, disk = writer
    assert main(["machine", img, "--disk", disk, "--power-cut-after-writes", "3",
                 "--max-instructions", "1000000"]) == 5


def test_every_stop_reason_has_a_distinct_non_zero_status():
    assert len(set(STATUS.values())) == len(STATUS) and 0 not in STATUS.values()
