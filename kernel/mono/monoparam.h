// monoparam.h: sizes of kernel/mono's fixed tables (the Unix side).
//
// (The file-system limits ROOTDEV, MAXOPBLOCKS and LOGSIZE live in fs.h
// with the on-disk format.)

#ifndef MINOS_MONOPARAM_H
#define MINOS_MONOPARAM_H

#include "param.h"
#include "fs.h"
#include "unixlimits.h"

#define NPROC        NTHREAD  // processes: one thread each
#define NOFILE       16     // open files per process
#define NFILE        100    // open files in the whole system
#define NINODE       50     // inodes in memory
#define NDEV         10     // device numbers (major)
#define NBUF         (LOGSIZE + MAXOPBLOCKS)  // buffer cache blocks (bio.c says why)

#endif // MINOS_MONOPARAM_H
