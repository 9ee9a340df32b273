// xcpprobe.c: a Unix program (libc, libos/unix) run by sh while XCP's
// library OS (libos/xcp, bench/exo/xcp.c) runs beside Unix on the same
// kernel (tests/exo/test_exo_app_side.py). It tries to reach XCP's
// resources — a page XCP owns, a block of XCP's file system — and the
// kernel must refuse each: they are bound to another env and another disk
// domain. Each check prints "ok NAME ... VALUE" or "FAIL NAME ... VALUE".
#include <stdio.h>
#include <stdlib.h>
#include "libos.h"
#include "errnum.h"

static int fails;

static void check(int ok, char *name, char *detail, int value)
{
    printf("%s %s %s %d\n", ok ? "ok" : "FAIL", name, detail, value);
    if (!ok)
        fails++;
}

int main(void)
{
    char *page = (char *)(((unsigned int)malloc(2 * 4096) + 4095) & ~4095);
    int i, xcp = 0, block = -1, r;
    unsigned int ppn;

    page[0] = 1;                                 // ours, mapped and writable now
    for (i = 0; i < EXO_NENV; i++)               // XCP: the env no one made (the first)
        if (exoinfo->envs[i].id && exoinfo->envs[i].parent == 0)
            xcp = exoinfo->envs[i].id;
    check(xcp != 0, "xcpalive", "XCP's env, from the exposed env table:", xcp);
    for (ppn = 0; ppn < exoinfo->npages; ppn++)
        if (exoowner[ppn] == (xcp - 1) % EXO_NENV + 1)
            break;
    r = exo_page_map(0, LIBOS_SCRATCH, ppn, 0);
    check(r == -EACCES, "xcppage", "mapping a page XCP owns:", r);
    for (i = 0; exo_disk_info(i) != -EINVAL; i++)
        if (exo_disk_info(i) == xcp) {
            block = i;
            break;
        }
    check(block > 0, "xcpblocks", "a block in XCP's disk domain:", block);
    r = exo_disk_read(block, page);
    check(r == -EACCES, "xcpread", "reading it:", r);
    r = exo_disk_write(block, page);
    check(r == -EACCES, "xcpwrite", "writing it:", r);
    r = exo_disk_bind(block, 1);
    check(r == -EBUSY, "xcpbind", "binding it:", r);
    r = exo_disk_read(0, page);
    check(r == 0, "publicread", "the same page, reading the public bundle:", r);
    return fails != 0;
}
