#ifndef HELPER_140_H
#define HELPER_140_H

#define HELPER_LIMIT 99
#define MAKE_SHAPE(w, h) { w, h }

struct shape { int w, h; };

int shape_area(struct shape s);

#endif
