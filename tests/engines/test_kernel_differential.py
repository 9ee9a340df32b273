"""The monolithic kernel booting and running shell commands (and the whole
of usertests), under both engines: the same machine state after the same
number of instructions."""

import hashlib
import shutil

import pytest

from shell.system import System
from vm.machine import Machine

pytestmark = pytest.mark.slow


COMMANDS = b"echo hi | wc -c\nls /bin | head -n 3\n"


@pytest.mark.parametrize("cores,budget,typed", [(1, 3_000_000, COMMANDS), (2, 2_500_000, COMMANDS),
                                                (1, 60_000_000, b"usertests\n")],
                         ids=["1-core", "2-cores", "usertests"])
def test_kernel_runs_identically_on_both_engines(tmp_path, cores, budget, typed):
    system = System()
    images = system.build()
    states = {}
    for engine in ("ref", "fast"):
        disk = tmp_path / f"{engine}.img"
        shutil.copyfile(images.fs_img, disk)
        machine = Machine(engine=engine, cores=cores, disk=str(disk),
                          console_in=typed)
        machine.load_image(str(images.kernel_img))
        result = machine.run(max_instructions=budget)
        machine.close()
        states[engine] = (result, machine.counters(), [list(c.regs) for c in machine.cores],
                          [c.pc for c in machine.cores],
                          hashlib.sha256(machine.memory.ram).hexdigest(),
                          machine.console_output, disk.read_bytes())
    ref, fast = states["ref"], states["fast"]
    for name, a, b in zip(("result", "counters", "registers", "pcs", "memory", "console", "disk"),
                          ref, fast):
        assert a == b, f"{name} differs between the engines"
    assert b"hi" in ref[5] or b"ALL TESTS PASSED" in ref[5]     # the commands really ran
