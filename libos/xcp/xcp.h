// xcp.h: XCP's library OS (libos/xcp): a specialized library operating
// system for one job, copying files, over the exokernel (kernel/exo).
//
// Xok's XCP copied a file without moving its bytes through user space:
// it read the source's blocks into the shared buffer cache, then wrote
// the same cached pages to the destination's blocks, with no per-byte
// copy and no file-system layers it did not need. This library does the
// same on minos's file system format (kernel/include/unix/fs.h, the
// format mkfs writes and mono reads), managing every resource itself:
//
//   - its own block cache: NCACHE physical pages it picks and binds
//     (libos_alloc_map), mapped at XCP_CACHE, direct-mapped; cache.c;
//   - the disk: its file system image (after the boot bundle, or in the
//     partition the bundle's XCP_PART entry names), whose blocks it
//     binds to its own disk domain (EXO_disk_bind) and moves with
//     EXO_disk_read / EXO_disk_write straight into and out of its cache
//     pages (the disk's DMA is the only copy); cache.c;
//   - the file system: the few operations a copy needs (find a file,
//     map its blocks, allocate an inode and blocks, add a directory
//     entry), on the on-disk structures themselves; fs.c;
//   - starting another library OS beside it: a program of the boot
//     bundle in a new environment of its own (boot.c), so Unix (init,
//     sh) can run next to XCP on the same kernel.
// What it leaves out: processes, file descriptors, the log (the order
// of its writes keeps the image consistent: fs.c), pipes, the console
// beyond printf.
//
// Invariants: a cache slot holds one block (valid) or none; a
// dirty slot is written back before it is reused; every block of the
// file system is in this env's disk domain (bound at xcp_mount), and no
// other env's domain (the kernel checks each transfer).

#ifndef MINOS_XCP_H
#define MINOS_XCP_H

#include "libos.h"
#include "fs.h"

#define XCP_CACHE  0x60000000          // the block cache's pages, one per slot
#define NCACHE     32                  // slots (metadata and data share them)
#define XCP_PART   "xcp/part"          // the bundle's entry naming XCP's partition:
                                       // uint first block, number of blocks (fs.c)

// ---- cache.c: blocks of the disk in pages this env owns ----
struct xbuf {
  int valid;                           // it holds a block:
  uint block;                          // this one (absolute: the disk's number)
  int dirty;                           // changed since read: write back before reuse
  char *data;                          // its page (one of the NCACHE at XCP_CACHE)
};
int           xcp_cacheinit(void);     // bind and map the cache's pages: 0 or -1
struct xbuf * xcp_bget(uint block);    // block in the cache (read on a miss), or 0 on an error
struct xbuf * xcp_bslot(uint block);   // a slot for block, NOT read (it will be overwritten)
int           xcp_bflush(void);        // write back every dirty slot: 0 or -1
int           xcp_bmove(struct xbuf *b, uint block);   // b's page becomes block's, written there
extern uint   xcp_reads, xcp_writes;   // disk transfers this env asked for

// ---- fs.c: the file system after the boot bundle ----
extern uint xcp_fsbase;                // the image's block 0 on the disk
extern struct superblock xcp_sb;
int  xcp_mount(void);                  // find, bind and check the image: 0, or -errno
int  xcp_namei(char *path);            // inode number, or -ENOENT
int  xcp_iget(uint inum, struct dinode *di);     // a copy of inode inum: 0 or -errno
int  xcp_copy(char *src, char *dst);   // the copy: bytes copied, or -errno

// ---- boot.c: another library OS's program beside us ----
int  xcp_bundlefind(char *name, struct exobentry *ent);   // 0, or -ENOENT
int  xcp_spawn(char *name);            // run it in a new env: its id, or -errno

#endif // MINOS_XCP_H
