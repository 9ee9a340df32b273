# Prints "hi" on the console and powers the machine off with exit code 3.
        .global _start
        .text
_start: la a0, msg
        li t0, 0xF0000000       # console TX
loop:   lbu a1, (a0)
        beqz a1, done
        sw a1, 0(t0)
        addi a0, a0, 1
        jmp loop
done:   li a0, 3
        li t0, 0xF0002000       # power: write the exit code
        sw a0, (t0)
hang:   jmp hang

        .rodata
msg:    .asciz "hi\n"
