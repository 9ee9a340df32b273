"""XCP, the specialized application (issue 16; docs/exo.md "The
specialized application"): bench/exo/xcp.c with its library OS
(libos/xcp) copies /small and /big on minos's file system, and beats
`cp` on mono and on exo's Unix library OS, the same copies of the same
bytes, by >= 8x in exact instructions.

Three boots, shared by every test here (a module fixture): xcp on exo,
and sh running `cp` on mono and on exo's Unix library OS. Each keeps its
disk, which the host then reads (lang/fs) to check the copies byte for
byte and the image with fsck.
"""

import shutil
import tempfile
from pathlib import Path

import pytest

from lang.fs.fsck import check as fsck
from shell.perf import xcp
from shell.system import System

ROOT = Path(__file__).resolve().parent.parent.parent

# The row: copying BIG - SMALL = 512 KiB (128 blocks) more, exact counts.
XCP_INSTRUCTIONS = 521_528
XCP_READS, XCP_WRITES = 126, 128        # a read and a write per block (fewer reads: see docs)
CP_INSTRUCTIONS = 11_111_673
CP_READS, CP_WRITES = 251, 1_280        # the log writes each block twice, and its metadata
UNIX_CP_INSTRUCTIONS = 9_690_469       # the same cp and file system core, on the Unix library OS
UNIX_CP_READS, UNIX_CP_WRITES = 256, 1_280


@pytest.fixture(scope="module")
def out():
    d = Path(tempfile.mkdtemp(prefix="minos-exoapp-"))
    yield d
    shutil.rmtree(d, True)


@pytest.fixture(scope="module")
def runs(out):
    return {"exo-xcp": xcp.measure_xcp(ROOT, keep=out / "xcp.img"),
            "mono": xcp.measure_cp("mono", keep=out / "mono.img"),
            "exo-unix": xcp.measure_cp("exo-unix", keep=out / "unix.img")}


def test_xcp_copies_each_block_with_one_read_and_one_write(runs):
    row = xcp.row(runs["exo-xcp"])
    assert (row["instructions"], row["disk_reads"], row["disk_writes"]) == \
        (XCP_INSTRUCTIONS, XCP_READS, XCP_WRITES)


def test_cp_on_mono_the_same_job(runs):
    row = xcp.row(runs["mono"])
    assert (row["instructions"], row["disk_reads"], row["disk_writes"]) == \
        (CP_INSTRUCTIONS, CP_READS, CP_WRITES)


def test_cp_on_the_unix_library_os_the_same_job(runs):
    row = xcp.row(runs["exo-unix"])
    assert (row["instructions"], row["disk_reads"], row["disk_writes"]) == \
        (UNIX_CP_INSTRUCTIONS, UNIX_CP_READS, UNIX_CP_WRITES)


@pytest.mark.parametrize("kernel", ["mono", "exo-unix"])
def test_xcp_beats_cp_by_at_least_8x(runs, kernel):
    factor = xcp.row(runs[kernel])["instructions"] / xcp.row(runs["exo-xcp"])["instructions"]
    assert factor >= 8, f"xcp is only {factor:.1f}x {kernel}'s cp"


@pytest.mark.parametrize("kernel,suffix", [("exo-xcp", "xcp"), ("mono", "cp"), ("exo-unix", "cp")])
def test_the_copies_hold_the_same_bytes_and_the_image_is_consistent(runs, out, kernel, suffix):
    fs = xcp.fs_of(out / f"{kernel.split('-')[-1]}.img", kernel)
    assert fs.read_file(f"/small.{suffix}") == xcp.payload(xcp.SMALL, 1)
    assert fs.read_file(f"/big.{suffix}") == xcp.payload(xcp.BIG, 2)
    assert fs.read_file("/big") == xcp.payload(xcp.BIG, 2)       # the source unchanged
    assert fsck(fs) == []


def test_xcp_without_a_file_system_says_so(out):
    """The bundle alone (no image after it): a clear message, status 1."""
    images = xcp.build_xcp(out / "nofs", ROOT)
    result, text = xcp.run_disk(images, Path(images.dir) / "bundle.img", 5_000_000)
    assert result.reason != "limit", "xcp did not end within 5,000,000 instructions"
    assert "xcp: no file system of ours on the disk (-5)" in text
    assert "panic" not in text and result.exit_code == 1


def test_docs_exo_md_has_the_current_table(runs):
    """docs/exo.md's table is what `minos bench --ops xcp` prints now."""
    from shell.perf.docgen import generated_part
    results = {k: xcp.row(r) for k, r in runs.items()}
    doc = (ROOT / "docs" / "exo.md").read_text()
    assert generated_part(doc, xcp.COMMAND) == xcp.markdown(results), \
        f"docs/exo.md is stale: run `{xcp.COMMAND}`"


def test_bench_measures_xcp_on_its_own(capsys):
    from shell.cli import main
    assert main(["bench", "--ops", "xcp,null"]) != 0
    assert "--ops xcp is measured on its own" in capsys.readouterr().err


def test_xcp_will_not_overwrite_a_file(out):
    """A second run on the same disk: /small.xcp exists, so the copy is
    refused with EEXIST (-17), a clear line, status 1, the file intact."""
    images = xcp.build_xcp(out / "again", ROOT)
    with System(kernel="exo") as system:
        system.images = images
        system.boot()
        assert system.run(20_000_000).reason == "halt"
        system.reboot()
        result = system.run(5_000_000)
        assert result.reason == "halt", "the second run did not end within 5,000,000 instructions"
        text = system.console_since(0)
        fs = xcp.fs_of(system.disk_path, "exo-xcp")
    assert "xcp: /small -> /small.xcp: error -17" in text and result.exit_code == 1
    assert fs.read_file("/small.xcp") == xcp.payload(xcp.SMALL, 1)


@pytest.mark.parametrize("size,error", [(0xFFFFF000, -27), (17 * 4096, -5)])
def test_xcp_refuses_a_damaged_inode(out, size, error):
    """/small's inode says a size past the largest file (EFBIG), or one
    more block than it has (a hole: EIO): a clear line, status 1, nothing
    followed."""
    import struct
    images = xcp.build_xcp(out / f"damaged{error}", ROOT)
    disk = bytearray(Path(images.fs_img).read_bytes())
    fs = xcp.fs_of(images.fs_img, "exo-xcp")
    base = len(disk) - len(fs.data)
    sb, inum = fs.sb, fs.lookup("/small")
    at = base + (sb["inodestart"] + inum // 64) * 4096 + (inum % 64) * 64 + 16    # dinode.size
    struct.pack_into("<I", disk, at, size)
    damaged = out / f"damaged{error}.img"
    damaged.write_bytes(disk)
    result, text = xcp.run_disk(images, damaged, 5_000_000)
    assert result.reason == "halt", text
    assert f"xcp: /small -> /small.xcp: error {error}" in text and result.exit_code == 1
