// main.c: the monolithic personality's part of booting (personality.h).
//
// kernel/core/main.c boots the machine's side — pages, page tables,
// traps, threads, run queues — then calls personality_init() for the
// Unix side below, and personality_start() for the first process
// (proc.c). The file system itself is mounted later, by the first
// process, since reading the disk sleeps (personality_threadstart).

#include "types.h"
#include "defs.h"
#include "personality.h"
#include "mono.h"

void
personality_init(void)
{
  procinit();              // process table
  binit();                 // buffer cache
  iinit();                 // inode table
  fileinit();              // file table
  diskinit();              // disk driver (registers the T_DISK interrupt)
  consoleinit();           // console device (registers the T_CONSOLE interrupt)
}
