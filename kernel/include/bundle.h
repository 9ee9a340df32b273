// bundle.h: the boot bundle's format — the server images that the build
// (shell/build.py, bundle_bytes) links into the micro kernel as one
// block of read-only data, `bundle`:
//
//   struct bundlehdr                  magic (BUNDLE_MAGIC), n images
//   struct bundleent[n]               the table of contents: each
//                                     image's name, offset, size
//   the images                        (offsets from the bundle's start)
//
// Two readers: the kernel (kernel/micro/task.c), which loads image 0,
// the root task, and nothing else; and the user-level loader
// (servers/lib/load.c), which finds every other image by its name in
// the table of contents and reads it with bundleread (ipc.h).

#ifndef MINOS_BUNDLE_H
#define MINOS_BUNDLE_H

#define BUNDLE_MAGIC 0x4C44424D   // "MBDL"

struct bundlehdr {
  unsigned int magic;
  unsigned int n;               // images in the bundle
};

struct bundleent {
  char name[16];                // 0-terminated (at most 15 bytes)
  unsigned int off;             // where the image starts, from the bundle's start
  unsigned int size;            // its bytes
};

#endif // MINOS_BUNDLE_H
