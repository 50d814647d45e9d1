#ifndef LOSSMAP_CGIF_SHIM_H
#define LOSSMAP_CGIF_SHIM_H
// giflib (Debian's libgif-dev), which writes the animated GIFs and, in the tests, reads them
// back. giflib ships no pkg-config file, so the header is found on the default include path.
#include <gif_lib.h>
#endif
