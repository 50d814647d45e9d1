#ifndef LOSSMAP_CGIF_H
#define LOSSMAP_CGIF_H
// giflib (Debian's libgif-dev), which writes the animated GIFs and, in the tests, reads them
// back. giflib ships no pkg-config file, so the header is found on the default include path.
// giflib itself is not linked: LazyGIF.c defines each function lossmap calls and loads the
// library the first time one is called (see Sources/CLazyLoad/LazyLoad.c).
#include <gif_lib.h>
#endif
