#ifndef LOSSMAP_LAZY_LIBRARIES_H
#define LOSSMAP_LAZY_LIBRARIES_H
/// The address of Cairo's function `name`, cached in `slot`; loads Cairo on first use.
void *lossmap_cairo_symbol(void *_Atomic *slot, const char *name);
#endif
