"""Host-side tools for the minos file system: the layout (read from
kernel/include/unix/fs.h), an image reader, mkfs and fsck. docs/fs.md describes
the format."""
