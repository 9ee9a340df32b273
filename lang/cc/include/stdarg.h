/* stdarg.h: variable arguments (provided by the compiler; docs/abi.md).
 *
 * Every variadic argument is passed on the stack in 4-byte slots, so a
 * va_list is just a pointer walking those slots. The __builtin_va_*
 * operations are understood by the compiler itself. */
#ifndef _STDARG_H
#define _STDARG_H

typedef char *va_list;

#define va_start(ap, last)  __builtin_va_start(ap, last)
#define va_arg(ap, type)    __builtin_va_arg(ap, type)
#define va_end(ap)          __builtin_va_end(ap)
#define va_copy(dest, src)  __builtin_va_copy(dest, src)

#endif
