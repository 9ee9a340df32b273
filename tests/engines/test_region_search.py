"""fast._may_return, the cheap look before fast._region looks for a region:
it answers no only where _region would find none, so the regions a run
makes are the same with it as without it (checked on a boot of the OS and
on the compiled workloads, whose loop nests become regions)."""

import pytest

import vm.fast
from bench.workloads import build
from shell.system import PROMPT, System
from vm.codecache import CACHE
from vm.machine import Machine

BOOT_BOUND = 20_000_000
pytestmark = pytest.mark.usefixtures("empty_code_cache")


def regions_made(run):
    """The (start, first member's length) of every region a run made, and
    its counters."""
    CACHE.clear()
    made = []
    real = vm.fast._region

    def watch(core, block, paddr):
        region = real(core, block, paddr)
        if region is not None:
            made.append((region.vaddr, len(block.trace)))
        return region
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vm.fast, "_region", watch)
        counters = run()
    return sorted(made), counters


def boot():
    with System(engine="fast", code_cache=None) as system:
        system.boot()
        system.wait_for(PROMPT, BOOT_BOUND)
        return system.counters()


def workload(name):
    def run():
        machine = Machine(engine="fast")
        machine.load_image(build(name))
        machine.run(max_instructions=50_000_000)
        return machine.counters()
    return run


@pytest.mark.parametrize("run", [boot, workload("matmul"), workload("list")], ids=["boot", "matmul", "list"])
def test_the_cheap_look_changes_no_region(run, monkeypatch):
    with_look = regions_made(run)
    monkeypatch.setattr(vm.fast, "_may_return", lambda mem, pages, block: True)
    without = regions_made(run)
    assert with_look == without
    assert with_look[0], "no region was made: the test shows nothing"
