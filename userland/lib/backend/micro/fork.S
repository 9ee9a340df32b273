// fork.S: fork() of libc's micro backend. The child is a copy of the
// parent's memory made while the parent waits in __pmfork (proc.c), and
// its thread starts at .Lchild with the sp the parent had here: so the
// registers a C caller expects fork() to keep (s0-s3, fp, lr: docs/abi.md)
// are saved on the stack first, and both halves restore them from there.
// The parent returns the child's pid (or -1, errno set); the child 0.

        .text
        .global fork
fork:
        addi sp, sp, -24          // 24: the stack stays 8-aligned
        sw   s0, 0(sp)
        sw   s1, 4(sp)
        sw   s2, 8(sp)
        sw   s3, 12(sp)
        sw   fp, 16(sp)
        sw   lr, 20(sp)
        la   a0, .Lchild
        mov  a1, sp
        call __pmfork
        lw   lr, 20(sp)
        addi sp, sp, 24
        ret
.Lchild:
        lw   s0, 0(sp)
        lw   s1, 4(sp)
        lw   s2, 8(sp)
        lw   s3, 12(sp)
        lw   fp, 16(sp)
        lw   lr, 20(sp)
        addi sp, sp, 24
        li   a0, 0
        ret
