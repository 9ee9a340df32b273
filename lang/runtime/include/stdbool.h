/* stdbool.h: bool is a plain int here (the compiler has no _Bool arithmetic rules). */
#ifndef _STDBOOL_H
#define _STDBOOL_H

#define bool int
#define true 1
#define false 0
#define __bool_true_false_are_defined 1

#endif
