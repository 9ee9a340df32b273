"""The System API: build, boot, wait within an instruction bound, counters,
power cuts. Every boot here is bounded in instructions."""

import re

import pytest

from shell.system import System, SystemTimeout

BOOT_BOUND = 20_000_000


@pytest.fixture(scope="module")
def built():
    system = System()
    system.build()
    return system.images


def boot(built, **kwargs):
    system = System(**kwargs)
    system.images = built
    return system.boot()


def test_boot_prints_the_banner_within_a_bound(built):
    with boot(built) as system:
        found = system.wait_for(re.compile(r"minos kernel: (\d+) core"), BOOT_BOUND)
        assert found.group(1) == "1"
        counters = system.counters()
        assert 0 < counters["instructions"] <= BOOT_BOUND + 200_000
        assert counters["cores"][0]["instructions"] == counters["instructions"]


def test_boot_on_two_cores(built):
    with boot(built, cores=2) as system:
        system.wait_for("minos kernel: 2 core", BOOT_BOUND)


def test_a_missing_pattern_times_out_with_the_console_output(built):
    with boot(built) as system:
        with pytest.raises(SystemTimeout) as err:
            system.wait_for("this never appears", 300_000)
        message = str(err.value)
        assert "this never appears" in message and "300,000 instructions" in message
        assert "minos kernel" in message          # the console so far is shown


def test_each_boot_gets_a_private_disk(built):
    with boot(built) as a, boot(built) as b:
        assert a.disk_path != b.disk_path
        assert a.disk_path.read_bytes() == built.fs_img.read_bytes()


def test_cut_power_stops_the_machine(built):
    with boot(built) as system:
        system.wait_for("minos kernel", BOOT_BOUND)
        system.cut_power()
        assert system.run(1000).reason == "powercut"
