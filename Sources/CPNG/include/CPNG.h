#ifndef LOSSMAP_CPNG_H
#define LOSSMAP_CPNG_H
// libpng (libpng-dev): only the single-threaded baseline that `lossmap bench` times lossmap's
// own PNG writer against. It is not linked: LibpngBaseline.c loads it the first time it is
// used (see Sources/CLazyLoad/LazyLoad.c), so no other lossmap process pays for it.
#include <stdio.h>

typedef struct {
    char message[256];
} lossmap_png_error;

/// Writes 8-bit RGB or RGBA rows (`channels` 3 or 4, `stride` bytes per row) to an open
/// FILE with zlib `level` (0-9), row `filters` (libpng's mask; -1: its adaptive choice) and no
/// other chunk than IHDR, IDAT and IEND. Returns 0, or a negative code with `err` set.
int lossmap_png_write(FILE *file, const unsigned char *pixels, unsigned int width, unsigned int height,
                      unsigned int stride, int channels, int level, int filters, lossmap_png_error *err);
#endif
