// fs.h: the on-disk format of the minos file system.
//
// This header is the single source of truth for the layout: the kernel
// includes it, and the host tools (lang/fs/layout.py: mkfs, fsck) parse
// its #defines and structs. Keep it simple enough for that parser:
// `#define NAME integer-expression`, `#include "file.h"`, and structs
// whose fields are uint / int / unsigned int / char, optionally arrays
// sized by a constant expression.
//
// Everything on disk is little-endian, and every number is 32 bits.
//
// Disk layout, in blocks of BSIZE bytes:
//
//   [ boot | super | log header | log ... | inodes ... | bitmap ... | data ... ]
//     0      1      logstart     (nlog blocks in all)  inodestart   bmapstart
//
// Block 0 is unused (a boot block), block 1 holds the superblock.

#ifndef MINOS_FS_H
#define MINOS_FS_H

#include "types.h"
#include "stat.h"

#define BSIZE       4096        // block size in bytes (the disk's block size)
#define FSMAGIC     0x6D696E6F  // "mino" in the superblock's first word
#define ROOTINO     1           // inode number of the root directory "/"
#define ROOTDEV     1           // device number of the file system disk

// ---- the superblock (block 1) ----
struct superblock {
  uint magic;       // FSMAGIC
  uint size;        // size of the file system image, in blocks
  uint nblocks;     // number of data blocks
  uint ninodes;     // number of inodes
  uint nlog;        // number of log blocks (header + LOGSIZE)
  uint logstart;    // block number of the log header
  uint inodestart;  // block number of the first inode block
  uint bmapstart;   // block number of the first free-map block
};

// ---- the write-ahead log ----
// A transaction writes at most MAXOPBLOCKS distinct blocks per system
// call; the log holds LOGSIZE blocks, so several calls can commit together.
#define MAXOPBLOCKS 10
#define LOGSIZE     (3 * MAXOPBLOCKS)

// The log header (block logstart). n == 0: nothing to install.
// n > 0: a committed transaction; log block i (at logstart + 1 + i)
// is the new contents of home block block[i].
struct logheader {
  uint n;
  uint block[LOGSIZE];
};

// ---- inodes ----
#define NDIRECT     10                          // direct block addresses
#define NINDIRECT   (BSIZE / 4)                 // addresses in the indirect block
#define MAXFILE     (NDIRECT + NINDIRECT)       // max file size, in blocks

// Inode types T_DIR, T_FILE, T_DEVICE come from stat.h (0: a free inode).

// An inode on disk (64 bytes).
struct dinode {
  uint type;                // T_DIR, T_FILE, T_DEVICE, or 0 if free
  uint major;               // device: driver number
  uint minor;               // device: unit number
  uint nlink;               // directory entries that refer to this inode
  uint size;                // bytes of data
  uint addrs[NDIRECT + 1];  // NDIRECT direct blocks, then the indirect block
};

#define IPB         (BSIZE / sizeof(struct dinode)) // inodes per block (64)
#define IBLOCK(i, sb)   ((i) / IPB + (sb).inodestart)   // block holding inode i

// ---- the free-block bitmap ----
// Bit b (byte b/8, bit b%8) is 1 when block b is in use. The bitmap
// covers every block of the image, including the metadata blocks.
#define BPB         (BSIZE * 8)                 // bits per bitmap block
#define BBLOCK(b, sb)   ((b) / BPB + (sb).bmapstart)    // bitmap block for block b

// ---- directories ----
// A directory is a file of struct dirent; inum 0 marks a free slot.
// A name shorter than DIRSIZ ends with a 0 byte; a name of exactly
// DIRSIZ bytes has none.
#define DIRSIZ      28

struct dirent {
  uint inum;
  char name[DIRSIZ];
};

// ---- devices ----
// Major numbers of the device drivers (index into devsw[]).
#define CONSOLE     1           // /dev/console (console.c)
#define NULLDEV     2           // /dev/null: reads end at once, writes vanish (devnull.c)

// ---- mkfs defaults ----
#define FSSIZE      2048        // default image size in blocks (8 MiB)
#define NINODES     256         // default number of inodes

#endif // MINOS_FS_H
