"""The one image micro's kernel loads (kernel/micro/task.c): image 0 of
the boot bundle, the root task. A bundle whose image 0 is not a program
stops the machine with a line naming it (exit status 1) — not a panic,
and not a machine that idles for ever with nothing running. (Every other
image is loaded in user space, servers/lib/load.c: the other tests of
tests/micro boot them.)"""

import shutil
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from shell.system import System
from vm.image import KERNEL_BASE

BOUND = 5_000_000            # the kernel's boot to its first thread is far less


@pytest.fixture(scope="module")
def junk_root():
    """A micro build whose boot bundle holds one image, "junk", which is not an image."""
    out = Path(tempfile.mkdtemp(prefix="minos-micro-rootload-"))
    try:
        objects, _ = build_mod.kernel_objects(build_mod.ROOT, "micro", 1)
        kernel_img = out / "kernel.img"
        build_mod.link_objects(objects + [build_mod.bundle_object([("junk", b"not a program")])],
                               kernel_img, KERNEL_BASE, "_entry", tmpdir=out / ".tmp")
        build_mod.make_fs(out / "fs.img", out / "root")
        yield build_mod.Build("micro", out, build_mod.ROOT, kernel_img, out / "fs.img", [], 0)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def test_a_bad_root_image_stops_the_machine_clearly(junk_root):
    system = System(kernel="micro")
    system.images = junk_root
    try:
        system.boot()
        result = system.run(BOUND)
        out = system.console_since()
        assert "micro: cannot load the root task junk (image 0 of the boot bundle)" in out
        assert "panic" not in out
        assert result.reason not in ("limit", "stopped", "idle"), result.reason
        assert result.exit_code == 1
    finally:
        system.close()
